/** Local UI state of the data features: whether the silo view colours notes by department. */
import { create } from 'zustand'

export const useSilo = create<{ on: boolean; set(on: boolean): void }>((set) => ({ on: false, set: (on) => set({ on }) }))
