'use client';
// H3 in the app: today's pending visits, from the device's copy, ordered from the live position.
import { useTech } from './use-tech';
import { TechRoute, type TechRouteProps } from './tech-route';

export function TechRouteView({ renderMap }: { renderMap?: TechRouteProps['renderMap'] }) {
  const { go, location, snapshot: meta } = useTech();
  const now = Date.now();
  const visits = (meta?.home.today ?? [])
    .filter((v) => v.visitStart && v.visitEnd && new Date(v.visitEnd).getTime() >= now)
    .map((v) => ({
      ticketId: v.id,
      number: v.number,
      title: v.title,
      customer: v.customer?.name ?? null,
      address: v.connection?.address ?? null,
      lat: v.connection?.latitude ?? null,
      lng: v.connection?.longitude ?? null,
      start: v.visitStart!,
      end: v.visitEnd!,
    }));
  const position = location.position ? { lat: location.position.lat, lng: location.position.lng } : null;
  return <TechRoute visits={visits} position={position} onOpenTicket={(id) => go({ name: 'ticket', id })} renderMap={renderMap} />;
}
