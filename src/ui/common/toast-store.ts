/** Short messages at the bottom of the screen: errors, confirmations, an undo offer. */
import { create } from 'zustand';

export interface Toast {
  id: number;
  kind: 'info' | 'error';
  text: string;
  action?: { label: string; run: () => void };
}

interface ToastState {
  toasts: Toast[];
  /** Shows a toast for `ms` (Infinity: until dismissed). */
  show: (toast: Omit<Toast, 'id'>, ms?: number) => void;
  dismiss: (id: number) => void;
}

let nextId = 1;

export const useToasts = create<ToastState>()((set, get) => ({
  toasts: [],
  show: (toast, ms = toast.kind === 'error' ? 10_000 : 5_000) => {
    const id = nextId++;
    set({ toasts: [...get().toasts.slice(-2), { ...toast, id }] });
    if (Number.isFinite(ms)) window.setTimeout(() => get().dismiss(id), ms);
  },
  dismiss: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
}));

export const showError = (text: string) => useToasts.getState().show({ kind: 'error', text });
export const showInfo = (text: string, action?: Toast['action']) =>
  useToasts.getState().show({ kind: 'info', text, ...(action ? { action } : {}) });
/** A message with an action that stays until the person acts or dismisses it (the undo of an import). */
export const showSticky = (text: string, action: Toast['action']) =>
  useToasts.getState().show({ kind: 'info', text, ...(action ? { action } : {}) }, Infinity);
