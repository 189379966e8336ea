'use client';
// C6 location: a Leaflet map of one point. Loaded only in the browser (ticket-location.tsx imports
// it with next/dynamic, ssr: false) — Leaflet reads `window` as it loads. Its CSS is bundled from
// the package; the marker is an SVG circle, so nothing but the tiles comes from the network, and
// the point still shows when the tiles cannot load (offline, or a tile server that refuses).
// The marker's label is user text (the connection's address): it goes through bindTextTooltip, as
// text, never as a string Leaflet would parse as HTML.
import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { bindTextTooltip } from '@/components/maps/leaflet-text';

export type MapTiles = { url: string; attribution: string };

export default function TicketMap({ latitude, longitude, label, tiles }: { latitude: number; longitude: number; label: string; tiles: MapTiles }) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!container.current) return;
    const map = L.map(container.current, { center: [latitude, longitude], zoom: 16, scrollWheelZoom: false });
    // The attribution is HTML by design (a provider's credit with its link) and comes only from the
    // installation's MAP_TILE_ATTRIBUTION, set by whoever runs the server — never from a tenant or a user.
    L.tileLayer(tiles.url, { attribution: tiles.attribution, maxZoom: 19 }).addTo(map);
    const marker = L.circleMarker([latitude, longitude], { radius: 10, weight: 3, color: '#1e40af', fillColor: '#3b82f6', fillOpacity: 0.9, className: 'ticket-location-marker' });
    bindTextTooltip(marker, label).addTo(map);
    return () => {
      map.remove();
    };
  }, [latitude, longitude, label, tiles.url, tiles.attribution]);
  return <div ref={container} data-testid="ticket-map" className="h-80 w-full rounded-md border border-slate-200 bg-slate-100" />;
}
