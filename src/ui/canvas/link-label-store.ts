/**
 * Which link's label is being edited in place (session scope: this tab only).
 * A double-click on a link's line (the canvas) or on its label chip (the edge)
 * opens the editor; the edge draws it.
 */
import { create } from 'zustand';

interface LinkLabelEditing {
  editing: string | null;
  edit: (id: string | null) => void;
}

export const useLinkLabelEditing = create<LinkLabelEditing>((set) => ({
  editing: null,
  edit: (editing) => set({ editing }),
}));
