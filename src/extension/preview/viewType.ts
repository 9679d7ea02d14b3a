/** The preview's webview type: the panel (lazy bundle) and its serializer (registered at activation) share it. */
export const PREVIEW_VIEW_TYPE = 'ccmacro.preview';
