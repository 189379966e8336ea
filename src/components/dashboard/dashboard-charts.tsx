'use client';
// C14's charts (Recharts), loaded only when the dashboard is shown: bars with a tooltip on hover,
// each one a link to the grid filtered to its tickets (dashboard-view.tsx puts the same figures in a
// table under each chart). Names are React text in SVG, never markup.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export type Series = { key: string; label: string; color: string };
/** A bar's row; `link` names the grid's view of one of its series' tickets (null: none). */
export type ChartRow = { label: string; values: Record<string, number>; link?: (series: string) => string | null };

/** A bar chart (stacked when it has several series), horizontal so long names stay readable. */
export function BarsChart({ rows, series, number, onOpen, label }: { rows: ChartRow[]; series: Series[]; number: (n: number) => string; onOpen: (href: string) => void; label: string }) {
  const data = rows.map((r) => ({ name: r.label, ...r.values }));
  const height = Math.max(120, rows.length * 34 + (series.length > 1 ? 60 : 30));
  return (
    <div role="img" aria-label={label} style={{ height }} className="w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
          <CartesianGrid horizontal={false} stroke="#e2e8f0" />
          <XAxis type="number" allowDecimals={false} tickFormatter={number} fontSize={12} />
          <YAxis type="category" dataKey="name" width={130} fontSize={12} tickFormatter={(v: string) => (v.length > 18 ? `${v.slice(0, 17)}…` : v)} />
          <Tooltip formatter={(value) => number(Number(value))} cursor={{ fill: '#f1f5f9' }} />
          {series.length > 1 ? <Legend itemSorter={null} wrapperStyle={{ fontSize: 12 }} /> : null}
          {series.map((s) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.label}
              stackId="a"
              fill={s.color}
              isAnimationActive={false}
              cursor={rows.some((r) => r.link) ? 'pointer' : undefined}
              onClick={(_item, index) => {
                const href = rows[index]?.link?.(s.key);
                if (href) onOpen(href);
              }}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
