import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** Where the webview may load from: the bundled script and the stylesheet, nothing else. */
function previewResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')];
}

export function previewWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: previewResourceRoots(extensionUri),
    retainContextWhenHidden: false,
  };
}

/**
 * The static page. It holds no dynamic text at all (the script fills it from posted models), so the
 * only values interpolated here are the nonce and the extension's own resource URIs. `testProbe` lets the page
 * answer the host tests' DOM probe; it is off for users.
 */
export function previewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, testProbe = false): string {
  const nonce = randomBytes(18).toString('base64');
  const scripts = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview'));
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'preview.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'preview.css'));
  const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src ${webview.cspSource}; img-src ${webview.cspSource} data:`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
<title>ccmacro preview</title>
</head>
<body${testProbe ? ' data-test-probe' : ''}>
<header class="toolbar">
  <span id="file-name" class="file-name"></span>
  <span class="spacer"></span>
  <span id="environment" class="environment" hidden></span>
  <label class="sample-label">Sample <select id="sample" aria-label="Sample feedback"></select></label>
  <button id="lock" class="toolbar-button" aria-pressed="false">Lock</button>
  <button id="copy-curl" class="toolbar-button" title="Copy the request as a cURL command (secrets stay as environment variables)">Copy as cURL</button>
  <button id="copy-centercode" class="toolbar-button" title="Copy the fields to paste into Centercode's webhook form">Copy for Centercode</button>
</header>
<nav class="tabs" role="tablist">
  <button class="tab active" role="tab" data-tab="request" id="tab-button-request">Request</button>
  <button class="tab" role="tab" id="tab-button-target" hidden></button>
</nav>
<section id="problems-section" class="problems-section" hidden>
  <h2>Problems</h2>
  <ul id="problems" class="problems"></ul>
</section>
<main>
  <section id="tab-request" role="tabpanel">
    <div id="notice" class="notice" hidden></div>
    <div id="request-view" hidden>
      <div class="request-line"><span id="method" class="method"></span> <span id="url" class="url"></span></div>
      <section id="headers-section"><h2>Headers</h2><table id="headers" class="headers"></table></section>
      <section id="body-section"><h2>Body <span id="body-meta" class="body-meta"></span></h2><pre id="body" class="body"></pre></section>
      <section id="returns-section" hidden><h2>Return values</h2><p id="returns-source" class="returns-source"></p><ul id="returns" class="returns"></ul></section>
    </div>
  </section>
  <section id="tab-target" role="tabpanel" hidden>
    <div id="target" class="target"></div>
  </section>
</main>
<!-- A target's drawing may load a renderer of its own from dist/webview/ (with this nonce) when its tab is shown. -->
<script nonce="${nonce}" src="${script}" data-scripts="${scripts}"></script>
</body>
</html>`;
}
