// The run page's log tail keeps its newest line in view while auto-scroll is on.
window.lakeportLogs = {
    scrollToEnd: function (element) {
        if (element) {
            element.scrollTop = element.scrollHeight;
        }
    }
};
