// The workbench's additions to BlazorMonaco: catalog completion answered by the server, error markers, copying a cell.
window.lakeportQuery = {
    completion: null,

    registerCompletion: function (dotnetRef) {
        this.unregisterCompletion();
        this.completion = monaco.languages.registerCompletionItemProvider('sql', {
            triggerCharacters: ['.'],
            provideCompletionItems: async function (model, position) {
                const word = model.getWordUntilPosition(position);
                const before = model.getLineContent(position.lineNumber).substring(0, word.startColumn - 1);
                const match = /([A-Za-z0-9_"]+(?:\.[A-Za-z0-9_"]+)?)\.$/.exec(before);
                const items = await dotnetRef.invokeMethodAsync('Complete', match ? match[1] : '');
                const range = {
                    startLineNumber: position.lineNumber, endLineNumber: position.lineNumber,
                    startColumn: word.startColumn, endColumn: word.endColumn
                };
                return {
                    suggestions: items.map(i => ({
                        label: i.label, insertText: i.label, detail: i.detail, range: range,
                        kind: monaco.languages.CompletionItemKind[i.kind]
                    }))
                };
            }
        });
    },

    unregisterCompletion: function () {
        if (this.completion) {
            this.completion.dispose();
            this.completion = null;
        }
    },

    // Editors whose markers an edit clears: a marker is about the text that ran, and Monaco would drag it along edits.
    clearedOnEdit: new WeakSet(),

    setError: function (editorId, line, column, message) {
        const editor = window.blazorMonaco.editor.getEditor(editorId, true);
        if (!editor) {
            return;
        }
        if (!this.clearedOnEdit.has(editor)) {
            this.clearedOnEdit.add(editor);
            editor.onDidChangeModelContent(() => monaco.editor.setModelMarkers(editor.getModel(), 'lakeport', []));
        }
        const model = editor.getModel();
        let markers = [];
        if (line && line <= model.getLineCount()) {
            const start = column && column > 0 ? column : 1;
            const word = model.getWordAtPosition({ lineNumber: line, column: start });
            markers = [{
                severity: monaco.MarkerSeverity.Error, message: message,
                startLineNumber: line, startColumn: start,
                endLineNumber: line, endColumn: word ? word.endColumn : model.getLineMaxColumn(line)
            }];
            editor.revealLineInCenterIfOutsideViewport(line);
        }
        monaco.editor.setModelMarkers(model, 'lakeport', markers);
    },

    // The Clipboard API exists only in secure contexts (HTTPS or localhost); a portal served over plain HTTP
    // falls back to copying a selected, off-screen text area.
    copy: async function (text) {
        if (navigator.clipboard && window.isSecureContext) {
            await navigator.clipboard.writeText(text);
            return;
        }
        const area = document.createElement('textarea');
        area.value = text;
        area.setAttribute('readonly', '');
        area.style.position = 'fixed';
        area.style.left = '-9999px';
        document.body.appendChild(area);
        area.select();
        const copied = document.execCommand('copy');
        area.remove();
        if (!copied) {
            throw new Error('The browser refused to copy.');
        }
    }
};
