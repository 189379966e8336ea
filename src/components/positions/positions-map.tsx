'use client';
// C16: technicians' last positions on a Leaflet map — one technician (their profile) or all of them
// (the "Técnicos" page). Loaded only in the browser (next/dynamic, ssr: false), like the ticket's map.
// The markers are SVG circles drawn by Leaflet (nothing to fetch; they show without tiles), each
// labelled with the technician's name and the position's age: user text, so it goes through
// bindTextTooltip (a DOM text node), never a string Leaflet would parse as HTML.
import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { bindTextTooltip } from '@/components/maps/leaflet-text';
import type { MapTiles } from '@/components/tickets/ticket-map';

export type MapPoint = { id: string; latitude: number; longitude: number; label: string };

export default function PositionsMap({ points, tiles, className = 'h-80' }: { points: MapPoint[]; tiles: MapTiles; className?: string }) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layer = useRef<L.LayerGroup | null>(null);
  /** The set of technicians the view was last fitted to: a new label (the age) does not move the view, a new technician does. */
  const fitted = useRef('');

  useEffect(() => {
    if (!container.current) return;
    const m = L.map(container.current, { center: [0, 0], zoom: 2, scrollWheelZoom: false });
    // The attribution is HTML by design and comes only from the installation's MAP_TILE_ATTRIBUTION.
    L.tileLayer(tiles.url, { attribution: tiles.attribution, maxZoom: 19 }).addTo(m);
    map.current = m;
    layer.current = L.layerGroup().addTo(m);
    fitted.current = '';
    return () => {
      m.remove();
      map.current = null;
      layer.current = null;
    };
  }, [tiles.url, tiles.attribution]);

  useEffect(() => {
    const m = map.current;
    const group = layer.current;
    if (!m || !group) return;
    group.clearLayers();
    for (const p of points) {
      const marker = L.circleMarker([p.latitude, p.longitude], { radius: 9, weight: 3, color: '#1e40af', fillColor: '#3b82f6', fillOpacity: 0.9, className: 'technician-marker' });
      bindTextTooltip(marker, p.label, { permanent: true, direction: 'top', offset: [0, -8], className: 'technician-label' }).addTo(group);
    }
    const key = points.map((p) => p.id).sort().join(',');
    if (points.length > 0 && key !== fitted.current) {
      fitted.current = key;
      if (points.length === 1) m.setView([points[0]!.latitude, points[0]!.longitude], 15);
      else m.fitBounds(L.latLngBounds(points.map((p) => [p.latitude, p.longitude] as [number, number])), { padding: [40, 40], maxZoom: 15 });
    }
  }, [points, tiles.url, tiles.attribution]);

  return <div ref={container} data-testid="positions-map" className={`w-full rounded-md border border-slate-200 bg-slate-100 ${className}`} />;
}
