using MudBlazor;

namespace Lakeport.Portal.Ui;

public static class PortalTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5f8b",
            Secondary = "#2a9d8f",
            AppbarBackground = "#17384f",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#6cb4e4",
            Secondary = "#4fd1c5",
            AppbarBackground = "#10212e",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica", "Arial", "sans-serif"] },
        },
    };
}
