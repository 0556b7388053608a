/** Local UI state only (tool, selection, viewport, panels). Shared state lives in Yjs. */
import { create } from 'zustand'

export interface Viewport {
  x: number
  y: number
  scale: number
}

/** What a left-button drag on empty canvas does: select draws a marquee, hand pans. */
export type Tool = 'select' | 'hand'

export type Panel = 'list' | 'structure' | 'share' | 'voting' | 'facilitate' | 'impact' | 'deliver' | 'export' | 'data' | 'series' | null

export interface UiState {
  viewport: Viewport
  selection: string[]
  editingId: string | null
  panel: Panel
  /** Space held: every drag pans. */
  panning: boolean
  /** The canvas tool (V / H). */
  tool: Tool
  /** Whether this person's view follows the facilitator's while "follow me" is on. */
  following: boolean
  /** The presenter view (full screen, for the projector) is showing. */
  presenting: boolean
  /** Our own drag in progress: the notes being dragged and the offset so far. */
  drag: { ids: string[]; leader: string; dx: number; dy: number } | null
  setViewport(viewport: Viewport): void
  select(ids: string[], mode?: 'replace' | 'toggle'): void
  clearSelection(): void
  setEditing(id: string | null): void
  setPanel(panel: Panel): void
  setPanning(panning: boolean): void
  setTool(tool: Tool): void
  setFollowing(following: boolean): void
  setDrag(drag: UiState['drag']): void
  setPresenting(presenting: boolean): void
  reset(): void
}

const initial = {
  viewport: { x: 0, y: 0, scale: 1 },
  selection: [] as string[],
  editingId: null,
  panel: null as Panel,
  panning: false,
  tool: 'select' as Tool,
  following: true,
  presenting: false,
  drag: null,
}

export const useUi = create<UiState>((set) => ({
  ...initial,
  setViewport: (viewport) => set({ viewport }),
  select: (ids, mode = 'replace') =>
    set((s) => {
      if (mode === 'replace') return { selection: ids }
      const next = new Set(s.selection)
      for (const id of ids) {
        if (next.has(id)) next.delete(id)
        else next.add(id)
      }
      return { selection: [...next] }
    }),
  clearSelection: () => set({ selection: [] }),
  setEditing: (editingId) => set({ editingId }),
  setPanel: (panel) => set({ panel }),
  setPanning: (panning) => set({ panning }),
  setTool: (tool) => set({ tool }),
  setFollowing: (following) => set({ following }),
  setDrag: (drag) => set({ drag }),
  setPresenting: (presenting) => set({ presenting }),
  reset: () => set(initial),
}))
