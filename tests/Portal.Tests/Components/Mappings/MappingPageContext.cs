using Bunit;
using Lakeport.Portal.Components.Pages.Mappings;
using Lakeport.Portal.Tests.Components.Catalog;
using Lakeport.Portal.Tests.Components.Mappings.Fakes;
using Lakeport.Services.Catalog;
using Lakeport.Services.Mapping;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Lakeport.Portal.Tests.Components.Mappings;

/// <summary>
/// The mapping pages over the real (SQLite) catalog seeded by <see cref="CatalogPageContext.SeedAsync"/>, with in-memory
/// fakes for the mapping services, which other branches implement.
/// </summary>
public sealed class MappingPageContext : IAsyncDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private MappingPageContext(CatalogPageContext catalog) => CatalogContext = catalog;

    public CatalogPageContext CatalogContext { get; }

    public BunitContext Bunit => CatalogContext.Bunit;

    public FakeMappings Mappings { get; } = new();

    public FakeGlueScripts Scripts { get; } = new();

    public FakeMappingPreview Preview { get; } = new();

    public FakeMappingExchange Exchange { get; } = new();

    public NavigationManager Navigation => Bunit.Services.GetRequiredService<NavigationManager>();

    public static async Task<MappingPageContext> CreateAsync(string role)
    {
        MappingPageContext? created = null;
        var catalog = await CatalogPageContext.CreateAsync(role, services =>
        {
            services.AddSingleton<IMappings>(_ => created!.Mappings);
            services.AddSingleton<IGlueScripts>(_ => created!.Scripts);
            services.AddSingleton<IMappingPreview>(_ => created!.Preview);
            services.AddSingleton<IMappingExchange>(_ => created!.Exchange);
            services.AddScoped<MappingDraft>();
            services.AddSingleton(TimeProvider.System);
        });
        created = new MappingPageContext(catalog);
        await catalog.SeedAsync();
        return created;
    }

    /// <summary>sales.orders → curated.orders_clean, every column kept under its own name.</summary>
    public static MappingDefinition OrdersClean(params ColumnRule[] rules) => new(
        "orders_clean",
        "Orders, typed",
        "sales",
        "orders",
        new MappingTarget("curated", "orders_clean", "s3://lake/curated/orders_clean/", TargetFormat.Parquet, "snappy", ["year"]),
        rules.Length > 0 ? rules : [new("order_id", "bigint", "order_id", "bigint"), new("amount", "double", "amount", "double"), new("year", "string", "year", "string")],
        MappingOptions.Default);

    public IRenderedComponent<MappingEditor> RenderEditor(string? name = null, int? version = null)
    {
        if (version is not null)
        {
            Navigation.NavigateTo($"/mappings/{name}?version={version}");
        }

        var page = Bunit.Render<MappingEditor>(p => p.Add(x => x.Name, name));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=mapping-tabs]")), Wait);
        return page;
    }

    public IRenderedComponent<MudSnackbarProvider> Snackbars() => Bunit.Render<MudSnackbarProvider>();

    /// <summary>The input element of a MudBlazor field marked with a data-testid (on the input itself or a wrapper).</summary>
    public static AngleSharp.Dom.IElement Input(IRenderedComponent<MappingEditor> page, string testId)
    {
        var element = page.Find($"[data-testid={testId}]");
        return element.TagName is "INPUT" or "TEXTAREA" ? element : element.QuerySelector("input, textarea") ?? element;
    }

    public static string[] TargetNames(IRenderedComponent<MappingEditor> page) =>
        Enumerable.Range(0, page.FindAll("[data-testid=rule-row]").Count).Select(i => Input(page, $"rule-target-name-{i}").GetAttribute("value") ?? "").ToArray();

    public static async Task SelectAsync<T>(IRenderedComponent<MappingEditor> page, string testId, T value)
    {
        var select = page.FindComponents<MudSelect<T>>().Single(s => Equals(s.Instance.UserAttributes.GetValueOrDefault("data-testid"), testId));
        await page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(value));
    }

    public static async Task OpenTabAsync(IRenderedComponent<MappingEditor> page, string title)
    {
        await page.InvokeAsync(() => page.FindAll(".mud-tab").Single(t => t.TextContent.Trim() == title).Click());
    }

    public static async Task ClickAsync(IRenderedComponent<MappingEditor> page, string testId) =>
        await page.InvokeAsync(() => page.Find($"[data-testid={testId}]").Click());

    /// <summary>Uploads a text file through the MudFileUpload marked with the data-testid.</summary>
    public static async Task UploadAsync(IRenderedComponent<IComponent> page, string testId, string fileName, string text)
    {
        var upload = page.FindComponents<MudFileUpload<IBrowserFile>>().Single(u => Equals(u.Instance.UserAttributes.GetValueOrDefault("data-testid"), testId));
        await page.InvokeAsync(() => upload.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(text, fileName)));
    }

    public ValueTask DisposeAsync() => CatalogContext.DisposeAsync();
}
