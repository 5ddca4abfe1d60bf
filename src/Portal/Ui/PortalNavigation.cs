using Lakeport.Services.Security;
using Microsoft.AspNetCore.Components.Routing;

namespace Lakeport.Portal.Ui;

/// <summary>A navigation entry and the least role that may use its page (the page's policy says the same).</summary>
public sealed record NavEntry(string Title, string Href, string Icon, PortalRole Role, string? Group = null, NavLinkMatch Match = NavLinkMatch.Prefix);

/// <summary>Only pages that work are listed; capabilities join as they land.</summary>
public static class PortalNavigation
{
    public static IReadOnlyList<NavEntry> Entries { get; } =
    [
        new("Overview", "/", MudBlazor.Icons.Material.Filled.Dashboard, PortalRole.Viewer, Match: NavLinkMatch.All),
        new("Ops dashboard", "/dashboard", MudBlazor.Icons.Material.Filled.Insights, PortalRole.Viewer),
        new("Catalog", "/catalog", MudBlazor.Icons.Material.Filled.Storage, PortalRole.Viewer),
        new("Crawlers", "/crawlers", MudBlazor.Icons.Material.Filled.TravelExplore, PortalRole.Viewer),
        new("Classifiers", "/classifiers", MudBlazor.Icons.Material.Filled.Rule, PortalRole.Viewer),
        new("Mappings", "/mappings", MudBlazor.Icons.Material.Filled.AccountTree, PortalRole.Viewer),
        new("Jobs", "/jobs", MudBlazor.Icons.Material.Filled.PlayCircle, PortalRole.Viewer),
        new("Triggers", "/triggers", MudBlazor.Icons.Material.Filled.Schedule, PortalRole.Viewer),
        new("Alerts", "/alerts", MudBlazor.Icons.Material.Filled.NotificationsActive, PortalRole.Viewer),
        new("Query", "/query", MudBlazor.Icons.Material.Filled.Terminal, PortalRole.Viewer, Match: NavLinkMatch.All),
        new("Users & keys", "/admin/users", MudBlazor.Icons.Material.Filled.ManageAccounts, PortalRole.Admin, "Admin"),
        new("Running queries", "/query/running", MudBlazor.Icons.Material.Filled.HourglassTop, PortalRole.Admin, "Admin"),
        new("Audit log", "/admin/audit", MudBlazor.Icons.Material.Filled.History, PortalRole.Admin, "Admin"),
    ];

    public static IEnumerable<NavEntry> For(PortalRole? role) =>
        role is { } r ? Entries.Where(e => r.Allows(e.Role)) : [];
}
