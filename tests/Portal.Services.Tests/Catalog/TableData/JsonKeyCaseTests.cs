using Lakeport.Services.Catalog;
using Lakeport.Services.Tests.Infrastructure;
using static Lakeport.Services.Tests.Catalog.TableData.TableDataTests;

namespace Lakeport.Services.Tests.Catalog.TableData;

/// <summary>JSON keys match the catalog's lowercase names whatever their case, as in Hive's JSON SerDe (DuckDB alone matches them exactly).</summary>
public sealed class JsonKeyCaseTests
{
    private static Dictionary<string, string?> Row(TablePreview preview, int index) =>
        preview.Columns.Select(c => c.Name).Zip(preview.Rows[index]).ToDictionary(p => p.First, p => p.Second);

    [Fact]
    public async Task CrawledCamelCaseKeys_PreviewTopLevelNestedAndArrayOfStructValues()
    {
        await using var state = await LabAsync();
        Write(state, "camel/rows.json",
            """
            {"userId": 1, "eventType": "view", "Device": {"OSName": "iOS", "screenSize": {"widthPx": 390}}, "Items": [{"SkuId": "a", "Qty": 1}, {"SkuId": "b", "Qty": 2}]}
            {"userId": 2, "eventType": "buy", "Device": {"OSName": "Android", "screenSize": {"widthPx": 412}}, "Items": []}

            """);
        await Crawl.RunAsync(state, "lab", "s3://data/camel/");
        var data = state.Get<ITableData>();

        var preview = await data.PreviewAsync(Callers.Viewer, "lab", "camel", 10, Callers.Token);
        var statistics = await data.GetColumnStatisticsAsync(Callers.Viewer, "lab", "camel", Callers.Token);

        Assert.Equal(["userid", "eventtype", "device", "items"], preview.Columns.Select(c => c.Name));
        Assert.Equal("struct<osname:string,screensize:struct<widthpx:int>>", preview.Columns[2].Type);
        var first = Row(preview, 0);
        Assert.Equal(("1", "view"), (first["userid"], first["eventtype"]));
        Assert.Equal("{'osname': iOS, 'screensize': {'widthpx': 390}}", first["device"]);
        Assert.Equal("[{'skuid': a, 'qty': 1}, {'skuid': b, 'qty': 2}]", first["items"]);
        Assert.Equal("[]", Row(preview, 1)["items"]);
        var userId = statistics.Single(s => s.Column == "userid");
        Assert.Equal((2L, 0L, "1", "2"), (userId.Rows, userId.Nulls, userId.Min, userId.Max));
        Assert.All(statistics, s => Assert.Equal(0, s.Nulls));
    }

    [Fact]
    public async Task KeysSpelledDifferentlyAcrossFiles_AllReachTheirColumn_InEveryPartition()
    {
        await using var state = await LabAsync();
        Write(state, "mixed/dt=1/a.json", """{"userId": 1, "Device": {"OSName": "iOS"}, "Tags": [{"Name": "x"}]}""" + "\n");
        Write(state, "mixed/dt=2/b.json", """{"UserID": 2, "device": {"osname": "Android"}, "tags": [{"NAME": "y"}]}""" + "\n");
        Write(state, "mixed/dt=3/c.json", """{"userid": 3, "DEVICE": {"OsName": "Linux"}, "TAGS": [{"nAmE": "z"}, {"name": "w"}]}""" + "\n");
        await Crawl.RunAsync(state, "lab", "s3://data/mixed/");
        var data = state.Get<ITableData>();

        var preview = await data.PreviewAsync(Callers.Viewer, "lab", "mixed", 10, Callers.Token);
        var statistics = await data.GetColumnStatisticsAsync(Callers.Viewer, "lab", "mixed", Callers.Token);

        Assert.Equal<IReadOnlyList<string?>[]>(
            [["1", "{'osname': iOS}", "[{'name': x}]", "1"], ["2", "{'osname': Android}", "[{'name': y}]", "2"], ["3", "{'osname': Linux}", "[{'name': z}, {'name': w}]", "3"]],
            preview.Rows.OrderBy(r => r[^1], StringComparer.Ordinal).ToArray());
        Assert.Equal(["userid", "device", "tags", "dt"], statistics.Select(s => s.Column));
        var userId = statistics[0];
        Assert.Equal((3L, 0L, 3L, "1", "3"), (userId.Rows, userId.Nulls, userId.ApproxDistinct, userId.Min, userId.Max));
        Assert.All(statistics, s => Assert.Equal(0, s.Nulls));
    }

    [Fact]
    public async Task KeysDifferingOnlyByCaseInOneObject_GiveTheFirst_AndHostileKeysStayQuoted()
    {
        await using var state = await LabAsync();
        Write(state, "twins/rows.json",
            """
            {"id": 1, "Name": "first", "NAME": "second", "x'Y/~\"z": {"ÄB'c": "q'1"}}
            {"id": 2, "NAME": "only", "X'y/~\"Z": {"äb'C": "q\"2"}}

            """);
        await state.Get<ICatalog>().CreateTableAsync(Callers.Analyst, "lab",
            Json("twins", "s3://data/twins/", new("id", "int"), new("name", "string"), new("x'y/~\"z", "map<string,string>")), Callers.Token);
        var data = state.Get<ITableData>();

        var preview = await data.PreviewAsync(Callers.Viewer, "lab", "twins", 10, Callers.Token);
        var statistics = await data.GetColumnStatisticsAsync(Callers.Viewer, "lab", "twins", Callers.Token);

        // Map keys are data, not names: they keep their spelling.
        Assert.Equal<IReadOnlyList<string?>[]>([["1", "first", @"{'ÄB\'c'='q\'1'}"], ["2", "only", @"{'äb\'C'='q""2'}"]], preview.Rows.ToArray());
        Assert.Equal(("first", "only", 0L), (statistics[1].Min, statistics[1].Max, statistics[2].Nulls));
    }
}
