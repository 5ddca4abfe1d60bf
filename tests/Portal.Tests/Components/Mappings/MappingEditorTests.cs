using Bunit;
using Lakeport.Portal.Components.Pages.Mappings;
using Lakeport.Portal.Tests.Components.Catalog;
using Lakeport.Portal.Tests.Components.Mappings.Fakes;
using Lakeport.Services.Catalog;
using Lakeport.Services.Mapping;
using static Lakeport.Portal.Tests.Components.Mappings.MappingPageContext;

namespace Lakeport.Portal.Tests.Components.Mappings;

/// <summary>The editor over the real catalog and in-memory mapping services: filling, validating, bulk edits, saving.</summary>
public sealed class MappingEditorTests
{
    private static CancellationToken Token => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task PickingASourceTable_FillsTheGrid_OneRulePerColumn_WithSafeLowercaseTargetNames()
    {
        await using var context = await MappingPageContext.CreateAsync("Analyst");
        await context.CatalogContext.Catalog.CreateTableAsync(CatalogPageContext.Seeder, "sales", TableDefinition.Create("people",
            StorageDescriptor.Empty with { Columns = [new("CustomerID", "int"), new("Full Name", "string")] }, [new CatalogColumn("year", "string")]), Token);
        var page = context.RenderEditor();

        await SelectAsync(page, "source-database", "sales");
        page.WaitForAssertion(() => Assert.Contains("people", page.FindComponents<MudBlazor.MudSelectItem<string>>().Select(i => i.Instance.Value)), Wait);
        await SelectAsync(page, "source-table", "people");

        page.WaitForAssertion(() => Assert.Equal(["customerid", "full_name", "year"], TargetNames(page)), Wait);
        // The catalog keeps column names lowercased, as Glue does; the space is what the target name had to lose.
        Assert.Equal(["customerid", "full name", "year"], Enumerable.Range(0, 3).Select(i => page.Find($"[data-testid=rule-source-{i}]").TextContent));
        Assert.Equal(["int", "string", "string"], Enumerable.Range(0, 3).Select(i => Input(page, $"rule-target-type-{i}").GetAttribute("value")));
    }

    [Fact]
    public async Task EditingATargetName_ShowsTheServiceIssuesOnItsRow_AndBlocksSave()
    {
        await using var context = await MappingPageContext.CreateAsync("Analyst");
        context.Mappings.Add(OrdersClean());
        var page = context.RenderEditor("orders_clean");
        page.WaitForAssertion(() => Assert.Equal("No issues", page.Find("[data-testid=mapping-issues-summary]").TextContent), Wait);

        await page.InvokeAsync(() => Input(page, "rule-target-name-1").Input("Amount Due"));

        page.WaitForAssertion(() => Assert.Contains("not a valid Athena column name", page.Find("[data-testid=rule-issues-1]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Equal("Error", page.Find("[data-testid=rule-issues-1] [data-testid=rule-issue]").GetAttribute("data-severity"));
        Assert.Equal("1 error, 0 warnings", page.Find("[data-testid=mapping-issues-summary]").TextContent);
        Assert.True(page.Find("[data-testid=mapping-save]").HasAttribute("disabled"));
        Assert.Equal("Amount Due", context.Mappings.Validations.Last().Rules[1].TargetName);
    }

    [Fact]
    public async Task ARetypeThatCanLoseData_IsFlaggedOnItsRow()
    {
        await using var context = await MappingPageContext.CreateAsync("Analyst");
        context.Mappings.Add(OrdersClean(new ColumnRule("amount", "double", "amount", "int"), new ColumnRule("order_id", "bigint", "order_id", "bigint")));

        var page = context.RenderEditor("orders_clean");

        Assert.Contains("double → int may lose data", page.Find("[data-testid=rule-issues-0] [data-testid=rule-lossy-cast]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=rule-issues-1]"));
    }

    [Fact]
    public async Task BulkActions_SnakeCaseLowercaseAndDropRestore_ChangeEveryRow()
    {
        await using var context = await MappingPageContext.CreateAsync("Analyst");
        context.Mappings.Add(OrdersClean(new("orderId", "bigint", "orderId", "bigint"), new("Customer Name", "string", "Customer Name", "string"),
            new("HTTPCode", "int", "HTTPCode", "int")));
        var page = context.RenderEditor("orders_clean");

        await ClickAsync(page, "bulk-lowercase");
        Assert.Equal(["orderid", "customer name", "httpcode"], TargetNames(page));
        await ClickAsync(page, "bulk-drop-all");
        Assert.All(page.FindAll("[data-testid=rule-row]"), r => Assert.Equal("true", r.GetAttribute("data-dropped")));
        await ClickAsync(page, "bulk-restore-all");
        Assert.All(page.FindAll("[data-testid=rule-row]"), r => Assert.Equal("false", r.GetAttribute("data-dropped")));

        context.Mappings.Add(OrdersClean(new("orderId", "bigint", "orderId", "bigint"), new("Customer Name", "string", "Customer Name", "string"),
            new("HTTPCode", "int", "HTTPCode", "int")));
        page = context.RenderEditor("orders_clean");
        await ClickAsync(page, "bulk-snake-case");
        Assert.Equal(["order_id", "customer_name", "http_code"], TargetNames(page));
        page.WaitForAssertion(() => Assert.Equal(["order_id", "customer_name", "http_code"], context.Mappings.Validations.Last().Rules.Select(r => r.TargetName)), Wait);
    }

    [Fact]
    public async Task DropNullsOnly_DropsTheColumnsTheStatisticsShowWithoutValues()
    {
        await using var context = await MappingPageContext.CreateAsync("Analyst");
        context.CatalogContext.Data.Statistics =
        [
            new("order_id", "bigint", 10, 0, 10, "1", "10"), new("amount", "double", 10, 10, 0, null, null), new("year", "string", 10, 3, 2, "2024", "2025"),
        ];
        context.Mappings.Add(OrdersClean());
        var page = context.RenderEditor("orders_clean");

        await ClickAsync(page, "bulk-drop-null-only");

        page.WaitForAssertion(() => Assert.Equal("Dropped 1 column that has no values.", page.Find("[data-testid=bulk-drop-null-only-result]").TextContent), Wait);
        Assert.Equal(["false", "true", "false"], page.FindAll("[data-testid=rule-row]").Select(r => r.GetAttribute("data-dropped")));
    }

    [Fact]
    public async Task Save_SendsTheDefinitionWithTheLoadedVersionAndComment_AndOpensTheNewVersion()
    {
        await using var context = await MappingPageContext.CreateAsync("Analyst");
        context.Mappings.Add(OrdersClean());
        var page = context.RenderEditor("orders_clean");

        await page.InvokeAsync(() => Input(page, "rule-target-name-1").Input("amount_eur"));
        await page.InvokeAsync(() => Input(page, "mapping-comment").Change("in euros"));
        page.WaitForAssertion(() => Assert.Equal("amount_eur", context.Mappings.Validations.Last().Rules[1].TargetName), Wait);
        await ClickAsync(page, "mapping-save");

        page.WaitForAssertion(() => Assert.EndsWith("/mappings/orders_clean?version=2", context.Navigation.Uri, StringComparison.Ordinal), Wait);
        var save = Assert.Single(context.Mappings.Saves);
        Assert.Equal(1, save.ExpectedVersion);
        Assert.Equal("in euros", save.Comment);
        Assert.Equal(["order_id", "amount_eur", "year"], save.Definition.Rules.Select(r => r.TargetName));
        Assert.Equal("anna", (await context.Mappings.GetAsync(CatalogPageContext.Seeder, "orders_clean", 2, Token)).Author);
    }

    [Fact]
    public async Task StaleSave_ShowsTheConflict_AndReloadBringsTheNewerVersion()
    {
        await using var context = await MappingPageContext.CreateAsync("Analyst");
        context.Mappings.Add(OrdersClean());
        var page = context.RenderEditor("orders_clean");
        context.Mappings.Add(OrdersClean() with { Description = "Changed by someone else" });

        await page.InvokeAsync(() => Input(page, "rule-target-name-1").Input("amount_eur"));
        await ClickAsync(page, "mapping-save");

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=mapping-conflict]")), Wait);
        Assert.Equal(1, Assert.Single(context.Mappings.Saves).ExpectedVersion);
        Assert.DoesNotContain("version=", context.Navigation.Uri, StringComparison.Ordinal);
        await ClickAsync(page, "mapping-reload");
        page.WaitForAssertion(() => Assert.Equal("version 2", page.Find("[data-testid=mapping-version]").TextContent), Wait);
        Assert.Equal("Changed by someone else", Input(page, "mapping-description").GetAttribute("value"));
        Assert.Empty(page.FindAll("[data-testid=mapping-conflict]"));
    }

    [Fact]
    public async Task Viewer_ReadsTheMapping_WithoutSaveNewOrImport()
    {
        await using var context = await MappingPageContext.CreateAsync("Viewer");
        context.Mappings.Add(OrdersClean());

        var list = context.Bunit.Render<MappingList>();
        list.WaitForAssertion(() => Assert.Single(list.FindAll("[data-testid=mapping-row]")), Wait);
        Assert.Empty(list.FindAll("[data-testid=mapping-new]"));
        Assert.Empty(list.FindAll("[data-testid=mappings-import-json]"));

        var page = context.RenderEditor("orders_clean");
        Assert.Empty(page.FindAll("[data-testid=mapping-save]"));
        Assert.NotEmpty(page.FindAll("[data-testid=mapping-read-only]"));
        Assert.Empty(page.FindAll("[data-testid=bulk-snake-case]"));
        Assert.True(Input(page, "rule-target-name-0").HasAttribute("readonly"));
        Assert.Empty(page.FindAll("[data-testid=preview-run]"));
    }

    [Fact]
    public async Task ScriptPanel_GeneratesTheUnsavedDefinition_AndTogglesToScala()
    {
        await using var context = await MappingPageContext.CreateAsync("Analyst");
        context.Mappings.Add(OrdersClean());
        var page = context.RenderEditor("orders_clean");
        Assert.Equal("python", page.Find("[data-testid=script-panel]").GetAttribute("data-language"));
        var first = context.Scripts.Generated.Last();
        Assert.Equal((ScriptLanguage.PySpark, 2), (first.Language, first.Mapping.Version));

        await page.InvokeAsync(() => Input(page, "rule-target-name-0").Input("id"));
        page.WaitForAssertion(() => Assert.Equal("id", context.Scripts.Generated.Last().Mapping.Definition.Rules[0].TargetName), Wait);
        await ClickAsync(page, "script-language-scala");

        page.WaitForAssertion(() => Assert.Equal("scala", page.Find("[data-testid=script-panel]").GetAttribute("data-language")), Wait);
        var last = context.Scripts.Generated.Last();
        Assert.Equal(ScriptLanguage.Scala, last.Language);
        await ClickAsync(page, "script-download");
        var download = context.Bunit.JSInterop.Invocations["lakeportFiles.download"].Last();
        Assert.Equal("orders_clean.scala", download.Arguments[0]);
        Assert.Equal(FakeGlueScripts.Expected(last.Mapping, ScriptLanguage.Scala), download.Arguments[2]);
        Assert.StartsWith("# Scala for orders_clean v2\norder_id -> id", (string)download.Arguments[2]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_ShowsTheTransformedRowsAndRejectedCounts_AndRefreshesAfterAValidEdit()
    {
        await using var context = await MappingPageContext.CreateAsync("Analyst");
        context.Mappings.Add(OrdersClean());
        context.Preview.Rejected = new Dictionary<string, long> { ["year"] = 3 };
        var page = context.RenderEditor("orders_clean");

        await ClickAsync(page, "preview-run");
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=preview-row]")), Wait);
        Assert.Contains("year: 3", page.Find("[data-testid=preview-rejected]").TextContent, StringComparison.Ordinal);
        Assert.Contains("value of amount", page.Find("[data-testid=preview-row]").TextContent, StringComparison.Ordinal);

        await page.InvokeAsync(() => Input(page, "rule-drop-1").Change(true));
        page.WaitForAssertion(() => Assert.DoesNotContain("value of amount", page.Find("[data-testid=preview-row]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Equal(2, context.Preview.Requests.Count);
    }
}
