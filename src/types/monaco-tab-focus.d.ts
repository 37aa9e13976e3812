// Monaco's tab focus mode (Tab moves the focus instead of indenting), shared by every editor of the page. The
// package ships the module without types; its public API only sets the option, it never says the state.
declare module 'monaco-editor/editor/browser/config/tabFocus' {
  export const TabFocus: {
    getTabFocusMode(): boolean
    setTabFocusMode(tabFocusMode: boolean): void
    onDidChangeTabFocus(listener: (tabFocusMode: boolean) => void): { dispose(): void }
  }
}
