// The browser's IANA time zone, so pages can show UTC times in the user's local time as well.
window.lakeportTime = {
    zone: function () {
        return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
    }
};
