using Lakeport.Services.Catalog;
using Lakeport.Services.Common;
using Lakeport.Services.Crawling.Classification;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Catalog.TableData;

/// <summary>Previews and statistics of hand-made tables over files written into a fresh lake.</summary>
public sealed class TableDataTests
{
    internal static async Task<TestState> LabAsync()
    {
        var state = await TestState.CreateAsync();
        await state.Get<ICatalog>().CreateDatabaseAsync(Callers.Admin, new DatabaseInput("lab"), Callers.Token);
        return state;
    }

    internal static string Write(TestState state, string key, string content)
    {
        var path = Path.Combine(state.Root, "lake", "data", key.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    private static TableDefinition Csv(string name, string location, params CatalogColumn[] columns) => TableDefinition.Create(
        name,
        new StorageDescriptor(columns, location, HiveFormats.TextInput, HiveFormats.TextOutput, false, -1,
            new SerDeInfo(null, HiveFormats.LazySimpleSerDe, new Dictionary<string, string> { ["field.delim"] = "," }), new Dictionary<string, string>()),
        parameters: new Dictionary<string, string> { ["classification"] = "csv", ["skip.header.line.count"] = "1" });

    internal static TableDefinition Json(string name, string location, params CatalogColumn[] columns) => TableDefinition.Create(
        name,
        new StorageDescriptor(columns, location, HiveFormats.TextInput, HiveFormats.TextOutput, false, -1,
            new SerDeInfo(null, HiveFormats.JsonSerDe, new Dictionary<string, string>()), new Dictionary<string, string>()),
        parameters: new Dictionary<string, string> { ["classification"] = "json" });

    [Fact]
    public async Task CsvWithBadCells_ShowsNullForThoseCells_AndReadsEverythingElse()
    {
        await using var state = await LabAsync();
        Write(state, "amounts/a.csv", "id,amount,day\n1,2.5,2025-01-01\n2,abc,not-a-date\n3,,2025-01-03\n");
        await state.Get<ICatalog>().CreateTableAsync(Callers.Analyst, "lab",
            Csv("amounts", "s3://data/amounts/", new("id", "bigint"), new("amount", "double"), new("day", "date")), Callers.Token);
        var data = state.Get<ITableData>();

        var preview = await data.PreviewAsync(Callers.Viewer, "lab", "amounts", 100, Callers.Token);
        var statistics = await data.GetColumnStatisticsAsync(Callers.Viewer, "lab", "amounts", Callers.Token);

        Assert.Equal<IReadOnlyList<string?>[]>([["1", "2.5", "2025-01-01"], ["2", null, null], ["3", null, "2025-01-03"]], preview.Rows.ToArray());
        Assert.Equal(
            [new("id", "bigint", 3, 0, 3, "1", "3"), new("amount", "double", 3, 2, 1, "2.5", "2.5"), new ColumnStatistics("day", "date", 3, 1, 2, "2025-01-01", "2025-01-03")],
            statistics);
    }

    [Fact]
    public async Task HostileColumnNamesAndPaths_AreQuoted_NotExecuted()
    {
        await using var state = await LabAsync();
        // The last two are spelled in camelCase in the file (top level and in a struct) and found all the same.
        string[] names = ["a\"b", "select", "naïve col", "x'y", "__lakeport_file", "c); drop table t; --", "it's \"camel\"", "nested"];
        Write(state, "it's \"odd\"/dt=1/rows.json",
            """
            {"a\"b": 1, "select": "s1", "naïve col": "ü", "x'y": "q'1", "__lakeport_file": "f", "c); drop table t; --": 10, "It's \"Camel\"": "c'1", "NeSted": {"InnerKey": "n1"}}
            {"a\"b": 2, "select": "s2", "naïve col": null, "x'y": "q\"2", "__lakeport_file": "g", "c); drop table t; --": 20, "It's \"Camel\"": "c2", "NeSted": {"InnerKey": "n2"}}

            """);
        Write(state, "hostile-csv/rows.csv", "h1,h2,h3\n1,two,3\n");
        var catalog = state.Get<ICatalog>();
        await catalog.CreateTableAsync(Callers.Analyst, "lab",
            Json("hostile", "s3://data/it's \"odd\"/dt=1/", names.Select((n, i) => new CatalogColumn(n, i switch { 0 or 5 => "bigint", 7 => "struct<innerkey:string>", _ => "string" })).ToArray()), Callers.Token);
        await catalog.CreateTableAsync(Callers.Analyst, "lab",
            Csv("hostile_csv", "s3://data/hostile-csv/", new("a\"b", "int"), new("from", "string"), new("'); --", "int")), Callers.Token);
        var data = state.Get<ITableData>();

        var json = await data.PreviewAsync(Callers.Viewer, "lab", "hostile", 100, Callers.Token);
        var statistics = await data.GetColumnStatisticsAsync(Callers.Viewer, "lab", "hostile", Callers.Token);
        var csv = await data.PreviewAsync(Callers.Viewer, "lab", "hostile_csv", 100, Callers.Token);

        Assert.Equal(names, json.Columns.Select(c => c.Name));
        Assert.Equal<IReadOnlyList<string?>[]>(
            [["1", "s1", "ü", "q'1", "f", "10", "c'1", "{'innerkey': n1}"], ["2", "s2", null, "q\"2", "g", "20", "c2", "{'innerkey': n2}"]], json.Rows.ToArray());
        Assert.Equal(names, statistics.Select(s => s.Column));
        Assert.Equal(("10", "20"), (statistics[5].Min, statistics[5].Max));
        Assert.Equal<IReadOnlyList<string?>[]>([["1", "two", "3"]], csv.Rows.ToArray());
    }

    [Fact]
    public async Task NonHivePartitionLevels_TakeTheirValuesFromTheCatalog()
    {
        await using var state = await LabAsync();
        Write(state, "logs/alpha/part.csv", "src,n,v\nalpha,1,1.5\nalpha,2,2.5\nalpha,3,3.5\n");
        Write(state, "logs/beta/part.csv", "src,n,v\nbeta,4,1.5\nbeta,5,2.5\n");
        await Crawl.RunAsync(state, "lab", "s3://data/logs/");
        var table = await state.Get<ICatalog>().GetTableAsync(Callers.Viewer, "lab", "logs", Callers.Token);

        var preview = await state.Get<ITableData>().PreviewAsync(Callers.Viewer, "lab", "logs", 100, Callers.Token);

        Assert.Equal("partition_0", Assert.Single(table.Definition.PartitionKeys).Name);
        Assert.Equal(5, preview.Rows.Count);
        Assert.All(preview.Rows, r => Assert.Equal(r[0], r[^1]));
    }

    [Fact]
    public async Task TableWithoutFiles_IsEntityNotFound_WithTheLocation()
    {
        await using var state = await LabAsync();
        Directory.CreateDirectory(Path.Combine(state.Root, "lake", "data", "empty"));
        Write(state, "empty/_SUCCESS", "marker");
        await state.Get<ICatalog>().CreateTableAsync(Callers.Analyst, "lab", Csv("empty", "s3://data/empty/", new CatalogColumn("a", "int")), Callers.Token);

        var error = await Assert.ThrowsAsync<EntityNotFoundException>(() => state.Get<ITableData>().PreviewAsync(Callers.Viewer, "lab", "empty", 10, Callers.Token));

        Assert.Contains("no data files under s3://data/empty/", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocationLinkedOutsideTheLake_IsRefused()
    {
        await using var state = await LabAsync();
        var outside = Path.Combine(state.Root, "outside");
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(outside, "secret.csv"), "a,b\n1,2\n");
        Directory.CreateDirectory(Path.Combine(state.Root, "lake", "data"));
        Directory.CreateSymbolicLink(Path.Combine(state.Root, "lake", "data", "linked"), outside);
        await state.Get<ICatalog>().CreateTableAsync(Callers.Analyst, "lab", Csv("linked", "s3://data/linked/", new("a", "int"), new("b", "int")), Callers.Token);

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => state.Get<ITableData>().PreviewAsync(Callers.Viewer, "lab", "linked", 10, Callers.Token));

        Assert.Contains("outside the lake", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FilesThatDoNotMatchTheCatalog_AreInvalidInput_NamingTheTable()
    {
        await using var state = await LabAsync();
        Write(state, "broken/rows.json", "{\"a\": 1}\n{not json\n");
        await state.Get<ICatalog>().CreateTableAsync(Callers.Analyst, "lab", Json("broken", "s3://data/broken/", new CatalogColumn("a", "int")), Callers.Token);

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => state.Get<ITableData>().PreviewAsync(Callers.Viewer, "lab", "broken", 10, Callers.Token));

        Assert.Contains("lab.broken", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownTable_IsEntityNotFound()
    {
        await using var state = await LabAsync();

        await Assert.ThrowsAsync<EntityNotFoundException>(() => state.Get<ITableData>().GetColumnStatisticsAsync(Callers.Viewer, "lab", "nope", Callers.Token));
    }
}
