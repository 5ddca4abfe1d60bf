using Bunit;
using Lakeport.Portal.Components.Pages.Mappings;
using Lakeport.Services.Mapping;
using static Lakeport.Portal.Tests.Components.Mappings.MappingPageContext;

namespace Lakeport.Portal.Tests.Components.Mappings;

/// <summary>Import into the editor (CSV rules, JSON, Glue scripts) and from the list page; malformed input changes nothing.</summary>
public sealed class MappingImportTests
{
    private static async Task<(MappingPageContext Context, IRenderedComponent<MappingEditor> Page)> OpenAsync()
    {
        var context = await MappingPageContext.CreateAsync("Analyst");
        context.Mappings.Add(OrdersClean());
        var page = context.RenderEditor("orders_clean");
        await OpenTabAsync(page, "Import / export");
        return (context, page);
    }

    [Fact]
    public async Task CsvImport_ReplacesTheRules()
    {
        var (context, page) = await OpenAsync();
        await using var _ = context;

        await UploadAsync(page, "import-csv", "rules.csv", "source_path,source_type,target_name,target_type,drop\namount,double,amount_eur,float,false\norder_id,bigint,id,bigint,true");

        await OpenTabAsync(page, "Rules");
        page.WaitForAssertion(() => Assert.Equal(["amount_eur", "id"], TargetNames(page)), Wait);
        Assert.Equal("float", Input(page, "rule-target-type-0").GetAttribute("value"));
        Assert.Equal(["false", "true"], page.FindAll("[data-testid=rule-row]").Select(r => r.GetAttribute("data-dropped")));
    }

    [Fact]
    public async Task MalformedCsv_ShowsTheErrorAndChangesNothing()
    {
        var (context, page) = await OpenAsync();
        await using var _ = context;

        await UploadAsync(page, "import-csv", "rules.csv", "source_path,source_type,target_name,target_type,drop\namount,double");

        page.WaitForAssertion(() => Assert.Contains("Line 2: expected 5 fields", page.Find("[data-testid=exchange-error]").TextContent, StringComparison.Ordinal), Wait);
        await OpenTabAsync(page, "Rules");
        Assert.Equal(["order_id", "amount", "year"], TargetNames(page));
    }

    [Fact]
    public async Task JsonImport_FillsTheEditor_KeepingTheMappingsName()
    {
        var (context, page) = await OpenAsync();
        await using var _ = context;
        var imported = OrdersClean(new ColumnRule("amount", "double", "total", "double")) with
        {
            Name = "other", Description = "From a file", Target = OrdersClean().Target with { Location = "s3://lake/elsewhere/", PartitionKeys = [] },
        };

        await UploadAsync(page, "import-json", "m.json", context.Exchange.ToJson(imported));

        page.WaitForAssertion(() => Assert.Equal("From a file", Input(page, "mapping-description").GetAttribute("value")), Wait);
        Assert.Equal("s3://lake/elsewhere/", Input(page, "target-location").GetAttribute("value"));
        Assert.Equal("orders_clean", page.Find("[data-testid=mapping-name]").TextContent);
        await OpenTabAsync(page, "Rules");
        Assert.Equal(["total"], TargetNames(page));
    }

    [Fact]
    public async Task MalformedJson_ShowsTheErrorAndChangesNothing()
    {
        var (context, page) = await OpenAsync();
        await using var _ = context;

        await UploadAsync(page, "import-json", "m.json", "{ \"Name\": ");

        page.WaitForAssertion(() => Assert.Contains("malformed", page.Find("[data-testid=exchange-error]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Equal("Orders, typed", Input(page, "mapping-description").GetAttribute("value"));
    }

    [Fact]
    public async Task GlueScriptImport_FillsTheRules_AndWarnsThatItIsNotRunnableLocally()
    {
        var (context, page) = await OpenAsync();
        await using var _ = context;
        string? parsed = null;
        context.Scripts.OnParse = script =>
        {
            parsed = script;
            return new ParsedGlueScript(OrdersClean(new ColumnRule("order_id", "bigint", "key", "string")) with { Name = "" }, null, "it calls Relationalize");
        };

        await page.InvokeAsync(() => Input(page, "glue-script-text").Change("applymapping1 = ApplyMapping.apply(...)"));
        await ClickAsync(page, "import-glue-script");

        page.WaitForAssertion(() => Assert.Contains("it calls Relationalize", page.Find("[data-testid=import-warning]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Equal("applymapping1 = ApplyMapping.apply(...)", parsed);
        await OpenTabAsync(page, "Rules");
        Assert.Equal(["key"], TargetNames(page));
        Assert.Equal("orders_clean", page.Find("[data-testid=mapping-name]").TextContent);
    }

    [Fact]
    public async Task AScriptThatIsNoMapping_IsAnError_AndChangesNothing()
    {
        var (context, page) = await OpenAsync();
        await using var _ = context;

        await UploadAsync(page, "import-glue-file", "job.py", "print('hello')");

        page.WaitForAssertion(() => Assert.Contains("no ApplyMapping in the script", page.Find("[data-testid=exchange-error]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Empty(page.FindAll("[data-testid=import-warning]"));
        await OpenTabAsync(page, "Rules");
        Assert.Equal(["order_id", "amount", "year"], TargetNames(page));
    }

    [Fact]
    public async Task Export_DownloadsTheJsonAndTheRulesCsv()
    {
        var (context, page) = await OpenAsync();
        await using var _ = context;

        await ClickAsync(page, "export-json");
        await ClickAsync(page, "export-csv");

        var downloads = context.Bunit.JSInterop.Invocations["lakeportFiles.download"];
        Assert.Equal(["orders_clean.json", "orders_clean-rules.csv"], downloads.Select(d => d.Arguments[0]));
        var exported = context.Exchange.FromJson((string)downloads[0].Arguments[2]!);
        Assert.Equal(("orders_clean", "Orders, typed", "s3://lake/curated/orders_clean/"), (exported.Name, exported.Description, exported.Target.Location));
        Assert.Equal(OrdersClean().Rules, exported.Rules);
        Assert.Equal(OrdersClean().Rules, context.Exchange.RulesFromCsv((string)downloads[1].Arguments[2]!));
    }

    [Fact]
    public async Task ListPageJsonImport_OpensTheEditorWithTheMappingUnsaved()
    {
        await using var context = await MappingPageContext.CreateAsync("Analyst");
        var list = context.Bunit.Render<MappingList>();
        list.WaitForAssertion(() => Assert.NotEmpty(list.FindAll("[data-testid=mapping-new]")), Wait);

        await UploadAsync(list, "mappings-import-json", "m.json", context.Exchange.ToJson(OrdersClean() with { Name = "imported" }));

        list.WaitForAssertion(() => Assert.EndsWith("/mappings/new", context.Navigation.Uri, StringComparison.Ordinal), Wait);
        var page = context.RenderEditor();
        Assert.Equal("imported", Input(page, "mapping-name").GetAttribute("value"));
        Assert.Equal(["order_id", "amount", "year"], TargetNames(page));
        Assert.Empty(context.Mappings.Saves);
    }
}
