namespace Lakeport.Portal.Components.Pages.Mappings;

/// <summary>Addresses of the mapping pages.</summary>
public static class MappingLinks
{
    public const string List = "/mappings";

    public const string New = "/mappings/new";

    public static string Of(string name) => $"/mappings/{Uri.EscapeDataString(name)}";

    public static string Version(string name, int version) => $"{Of(name)}?version={version}";
}
