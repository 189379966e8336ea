// G7: the kinds of equipment a customer has (labels in the `enums` namespace, `equipmentType.*`).
export const EQUIPMENT_TYPES = ['ROUTER', 'ONT', 'ANTENNA', 'SWITCH', 'DECODER', 'OTHER'] as const;
export type EquipmentType = (typeof EQUIPMENT_TYPES)[number];

/** One line naming a device: "Router · TP-Link Archer C6 · SN 2231…" without the type, as the grid and the PDF show it. */
export function equipmentLabel(e: { brand: string; model: string; serial: string | null }): string {
  return [`${e.brand} ${e.model}`.trim(), e.serial ? `S/N ${e.serial}` : ''].filter(Boolean).join(' · ');
}
