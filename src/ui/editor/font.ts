// The editors' type size (px), made larger in presenter mode (appearance/presenter.ts).
export const EDITOR_FONT_PX = 14
