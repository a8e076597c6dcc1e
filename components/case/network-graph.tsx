'use client';

import { useEffect, useRef } from 'react';
import type { NetworkViewDTO } from '@/lib/networks/view-network';

const ENFORCEMENT_COLOUR = { none: '#64748b', suspended: '#b91c1c', preserved: '#b45309' } as const;
/** Beyond this many links the labels overlap into noise. */
const EDGE_LABELS_MAX = 6;

/**
 * The network drawn on a canvas by cytoscape (no images, nothing fetched: labels are the defanged
 * text the server prepared). Colour says enforcement, shape whether the account has an open case
 * (circle) or not (square); the centre is larger with a thick border. Decorative for assistive
 * technology: the table next to it carries the same facts.
 */
export function NetworkGraph({ network }: { network: NetworkViewDTO }) {
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let destroyed = false;
    let instance: { destroy(): void } | null = null;
    // Loaded only when a case has a network, so the case page's bundle stays small.
    void import('cytoscape').then(({ default: cytoscape }) => {
      if (destroyed || !container.current) return;
      const pairs = new Map<string, { source: string; target: string; labels: string[] }>();
      for (const e of network.edges) {
        const key = `${e.source}|${e.target}`;
        const pair = pairs.get(key) ?? { source: e.source, target: e.target, labels: [] };
        if (!pair.labels.includes(e.label)) pair.labels.push(e.label);
        pairs.set(key, pair);
      }
      instance = cytoscape({
        container: container.current,
        elements: [
          ...network.rows.map((r) => ({
            data: { id: r.accountId, label: r.label, hops: r.hops, colour: ENFORCEMENT_COLOUR[r.enforcement], shape: r.openCase ? 'ellipse' : 'round-rectangle', size: r.hops === 0 ? 34 : 24, border: r.hops === 0 ? 5 : 1 },
          })),
          // Edge labels only while they stay readable; the table beside the graph always gives every reason.
          ...[...pairs.entries()].map(([key, p]) => ({ data: { id: key, source: p.source, target: p.target, label: pairs.size <= EDGE_LABELS_MAX ? p.labels.join(', ') : '' } })),
        ],
        style: [
          {
            selector: 'node',
            style: {
              'background-color': 'data(colour)',
              shape: 'data(shape)' as never,
              width: 'data(size)',
              height: 'data(size)',
              'border-width': 'data(border)',
              'border-color': '#0f172a',
              label: 'data(label)',
              'font-size': 10,
              'text-valign': 'bottom',
              'text-margin-y': 4,
              'text-wrap': 'ellipsis',
              'text-max-width': '120px',
            },
          },
          {
            selector: 'edge',
            style: { width: 1.5, 'line-color': '#94a3b8', label: 'data(label)', 'font-size': 8, color: '#334155', 'text-background-color': '#f8fafc', 'text-background-opacity': 1, 'curve-style': 'bezier' },
          },
        ],
        layout: { name: 'concentric', concentric: (node: { data(k: string): number }) => 3 - node.data('hops'), levelWidth: () => 1, minNodeSpacing: 60, spacingFactor: 1.4, animate: false },
        userZoomingEnabled: false,
        boxSelectionEnabled: false,
        autoungrabify: true,
      });
    });
    return () => {
      destroyed = true;
      instance?.destroy();
    };
  }, [network]);

  return (
    <div>
      <div ref={container} data-testid="network-graph" aria-hidden="true" className="h-96 w-full rounded-md border border-slate-200 bg-slate-50 dark:border-slate-700 dark:bg-slate-950" />
      <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
        Red: suspended. Amber: preservation hold. Grey: no action in force. Circle: open case. Square: no open case. Large: this case’s account.
      </p>
    </div>
  );
}
