using Lakeport.Services.Catalog;
using Lakeport.Services.Common;
using Lakeport.Services.Mapping;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Mapping;

/// <summary>Each validation rule against a real catalog: what is an error, what is a warning, and which row it points at.</summary>
public sealed class MappingValidationTests
{
    private static async Task<IReadOnlyList<MappingIssue>> ValidateAsync(MappingDefinition definition)
    {
        await using var state = await MappingSamples.StateWithSourceAsync();
        return await state.Get<IMappings>().ValidateAsync(Callers.Analyst, definition, Callers.Token);
    }

    private static async Task<MappingIssue> SingleIssueAsync(MappingDefinition definition, MappingIssueSeverity severity, string field)
    {
        var issues = await ValidateAsync(definition);
        return Assert.Single(issues, i => i.Severity == severity && i.Field == field);
    }

    [Fact]
    public async Task SampleMapping_WithNestedArrayAndBacktickedPaths_HasNoIssues()
    {
        Assert.Empty(await ValidateAsync(MappingSamples.Mapping()));
    }

    [Fact]
    public async Task MissingSourceTable_IsAnError()
    {
        var issue = await SingleIssueAsync(MappingSamples.Mapping() with { SourceTable = "nope" }, MappingIssueSeverity.Error, "SourceTable");

        Assert.Contains("sales.nope", issue.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("string", "set the target type to array<string>")]
    [InlineData("array<array<string>>", null)]
    public async Task ArrayPath_WritesAnArray_SoAScalarTargetTypeIsAnError(string targetType, string? expected)
    {
        var issues = await ValidateAsync(MappingSamples.Mapping(rules: MappingSamples.With(2, new ColumnRule("items[].sku", "string", "skus", targetType))));

        var rowIssues = issues.Where(i => i.RuleIndex == 2 && i.Field == "TargetType").ToList();
        if (expected is null)
        {
            // array<array<string>> holds the array of skus with room to spare: its elements are arrays, which a string cannot cast to.
            Assert.Contains(rowIssues, i => i.Severity == MappingIssueSeverity.Error);
        }
        else
        {
            Assert.Contains(expected, Assert.Single(rowIssues, i => i.Severity == MappingIssueSeverity.Error).Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ArrayPath_ToAnArrayOfTheElementType_IsClean_AndLossyElementCastsAreWarnings()
    {
        var clean = await ValidateAsync(MappingSamples.Mapping(rules: MappingSamples.With(2, new ColumnRule("items[].sku", "string", "skus", "array<string>"))));
        var lossy = await ValidateAsync(MappingSamples.Mapping(rules: MappingSamples.With(2, new ColumnRule("items[].sku", "string", "skus", "array<int>"))));

        Assert.DoesNotContain(clean, i => i.RuleIndex == 2);
        Assert.Contains(lossy, i => i.RuleIndex == 2 && i.Severity == MappingIssueSeverity.Warning && i.Message.Contains("elements of 'items[].sku'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("customer.address.country", "has no field 'country'")]
    [InlineData("items[].nope", "has no field 'nope'")]
    [InlineData("order_id[]", "not an array")]
    [InlineData("order_id.x", "not a struct")]
    [InlineData("unit.price", "no column 'unit'")]
    [InlineData("missing", "no column 'missing'")]
    [InlineData("`unit.price", "not closed")]
    [InlineData("a..b", "empty field name")]
    public async Task SourcePath_ThatDoesNotExistInTheCatalog_IsAnErrorOnItsRow(string path, string expected)
    {
        var issue = await SingleIssueAsync(MappingSamples.Mapping(rules: MappingSamples.With(2, new ColumnRule(path, "string", "city", "string"))),
            MappingIssueSeverity.Error, "SourcePath");

        Assert.Equal(2, issue.RuleIndex);
        Assert.Contains(expected, issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DroppedRule_WithAMissingSourcePath_IsNotChecked()
    {
        var issues = await ValidateAsync(MappingSamples.Mapping(rules: [.. MappingSamples.Rules, new ColumnRule("gone", "string", "gone", "string", Drop: true)]));

        Assert.Empty(issues);
    }

    [Fact]
    public async Task SourceType_DifferentFromTheCatalog_IsADriftWarning_NamingTheColumn()
    {
        var issues = await ValidateAsync(MappingSamples.Mapping(rules: MappingSamples.With(0, new ColumnRule("order_id", "int", "order_id", "bigint"))));

        Assert.Contains(issues, i => i is { Severity: MappingIssueSeverity.Warning, RuleIndex: 0, Field: "SourceType" } && i.Message.Contains("bigint in the catalog", StringComparison.Ordinal));
        Assert.DoesNotContain(issues, i => i.Severity == MappingIssueSeverity.Error);
    }

    [Fact]
    public async Task AfterACrawlChangesTheSourceColumns_TheSavedMappingShowsTheDrift_NamingTheColumns()
    {
        await using var state = await MappingSamples.StateWithSourceAsync();
        var mappings = state.Get<IMappings>();
        var saved = await mappings.SaveAsync(Callers.Analyst, MappingSamples.Mapping(), null, null, Callers.Token);
        var changed = MappingSamples.Columns.Where(c => c.Name != "ordered_at").Select(c => c.Name == "order_id" ? c with { Type = "string" } : c)
            .Append(new CatalogColumn("channel", "string")).ToList();
        await state.Get<ICatalog>().UpdateTableAsync(Callers.Analyst, "sales", MappingSamples.Orders(changed), null, false, Callers.Token);

        var issues = await mappings.ValidateAsync(Callers.Viewer, saved.Definition, Callers.Token);

        var summary = Assert.Single(issues, i => i is { RuleIndex: null, Field: "SourceTable" });
        Assert.Contains("no longer matches", summary.Message, StringComparison.Ordinal);
        Assert.Contains("order_id (now string)", summary.Message, StringComparison.Ordinal);
        Assert.Contains("ordered_at (gone)", summary.Message, StringComparison.Ordinal);
        Assert.Contains(issues, i => i is { Severity: MappingIssueSeverity.Error, RuleIndex: 7, Field: "SourcePath" });
        Assert.Contains(issues, i => i is { Severity: MappingIssueSeverity.Warning, RuleIndex: 0, Field: "SourceType" });
        Assert.Contains(issues, i => i is { Severity: MappingIssueSeverity.Warning, Field: "Rules" } && i.Message.EndsWith("channel.", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Order_ID")]
    [InlineData("a\"b")]
    [InlineData("'; DROP TABLE x; --")]
    [InlineData("naïve")]
    [InlineData("数据")]
    [InlineData("with space")]
    [InlineData("")]
    [InlineData("a-b")]
    public async Task TargetName_BreakingAthenasRule_IsAnError(string name)
    {
        var issue = await SingleIssueAsync(MappingSamples.Mapping(rules: MappingSamples.With(7, new ColumnRule("ordered_at", "timestamp", name, "timestamp"))),
            MappingIssueSeverity.Error, "TargetName");

        Assert.Equal(7, issue.RuleIndex);
    }

    [Fact]
    public async Task TargetName_LongerThan255_IsAnError_255IsAllowed()
    {
        var tooLong = await ValidateAsync(MappingSamples.Mapping(rules: MappingSamples.With(7, new ColumnRule("ordered_at", "timestamp", new string('a', 256), "timestamp"))));
        var longest = await ValidateAsync(MappingSamples.Mapping(rules: MappingSamples.With(7, new ColumnRule("ordered_at", "timestamp", new string('a', 255), "timestamp"))));

        Assert.Contains(tooLong, i => i is { Field: "TargetName", Severity: MappingIssueSeverity.Error });
        Assert.Empty(longest);
    }

    [Fact]
    public async Task DuplicateTargetNames_AreAnError_CaseInsensitively_DroppedRulesDoNotCount()
    {
        var rules = MappingSamples.With(7, new ColumnRule("ordered_at", "timestamp", "order_id", "timestamp"));

        var issue = await SingleIssueAsync(MappingSamples.Mapping(rules: rules), MappingIssueSeverity.Error, "TargetName");
        var droppedTwin = await ValidateAsync(MappingSamples.Mapping(rules: MappingSamples.With(8, new ColumnRule("note", "string", "order_id", "string", Drop: true))));

        Assert.Equal(7, issue.RuleIndex);
        Assert.Contains("used by another column", issue.Message, StringComparison.Ordinal);
        Assert.Empty(droppedTwin);
    }

    [Theory]
    [InlineData("decimal(0,0)", "precision")]
    [InlineData("decimal(39,2)", "precision")]
    [InlineData("decimal(5,6)", "scale")]
    [InlineData("varchar(0)", "length")]
    [InlineData("char(256)", "length")]
    [InlineData("map<array<int>,string>", "map key")]
    [InlineData("struct<>", "field name")]
    [InlineData("text", "not a Glue type")]
    [InlineData("array<string", "expected '>'")]
    [InlineData("string; DROP TABLE x", "unexpected")]
    [InlineData("interval", "not a Glue type")]
    public async Task TargetType_ThatIsNotAGlueType_IsAnError(string type, string expected)
    {
        var issue = await SingleIssueAsync(MappingSamples.Mapping(rules: MappingSamples.With(8, new ColumnRule("note", "string", "note", type))),
            MappingIssueSeverity.Error, "TargetType");

        Assert.Equal(8, issue.RuleIndex);
        Assert.Contains(expected, issue.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("decimal(38,0)")]
    [InlineData("decimal(1,1)")]
    [InlineData("DECIMAL(10, 2)")]
    [InlineData("varchar(65535)")]
    [InlineData("char(5)")]
    [InlineData("long")]
    [InlineData("array<struct<a:int,b:map<string,decimal(10,2)>>>")]
    public void TargetType_GlueAndHiveTypes_Parse(string type)
    {
        Assert.True(GlueType.TryParse(type, out _, out var error), error);
    }

    [Theory]
    [InlineData("note", "string", "int", "becomes NULL")]
    [InlineData("note", "string", "date", "becomes NULL")]
    [InlineData("note", "string", "timestamp", "becomes NULL")]
    [InlineData("note", "string", "decimal(10,2)", "becomes NULL")]
    [InlineData("note", "string", "varchar(10)", "is cut")]
    [InlineData("order_id", "bigint", "int", "overflow")]
    [InlineData("`unit.price`", "double", "int", "fraction")]
    [InlineData("`unit.price`", "double", "decimal(10,2)", "rounded")]
    [InlineData("amount", "decimal(12,4)", "decimal(12,2)", "rounded from 4 to 2")]
    [InlineData("amount", "decimal(12,4)", "decimal(10,4)", "integer digits")]
    [InlineData("ordered_at", "timestamp", "date", "truncated")]
    public async Task LossyCast_IsAWarning_SayingHowValuesChange(string path, string sourceType, string targetType, string expected)
    {
        var issues = await ValidateAsync(MappingSamples.Mapping(rules: MappingSamples.With(8, new ColumnRule(path, sourceType, "converted", targetType))));

        var warning = Assert.Single(issues, i => i.Field == "TargetType");
        Assert.Equal((MappingIssueSeverity.Warning, 8), (warning.Severity, warning.RuleIndex));
        Assert.Contains(expected, warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("order_id", "bigint", "string")]
    [InlineData("order_id", "bigint", "decimal(19,0)")]
    [InlineData("amount", "decimal(12,4)", "decimal(20,6)")]
    [InlineData("ordered_at", "timestamp", "string")]
    [InlineData("items", "array<struct<sku:string,qty:int>>", "string")]
    public async Task SafeCast_HasNoWarning(string path, string sourceType, string targetType)
    {
        var issues = await ValidateAsync(MappingSamples.Mapping(rules: MappingSamples.With(8, new ColumnRule(path, sourceType, "converted", targetType))));

        Assert.DoesNotContain(issues, i => i.Field is "TargetType" or "SourceType");
    }

    [Fact]
    public async Task ImpossibleCast_IsAnError()
    {
        var issue = await SingleIssueAsync(MappingSamples.Mapping(rules: MappingSamples.With(8, new ColumnRule("ordered_at", "timestamp", "converted", "int"))),
            MappingIssueSeverity.Error, "TargetType");

        Assert.Contains("cannot be cast", issue.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("day", "not a mapped target column")]
    [InlineData("note", "not a mapped target column")]
    [InlineData("items", "primitive")]
    public async Task PartitionKey_ThatIsNotAMappedPrimitiveColumn_IsAnError(string key, string expected)
    {
        var issue = await SingleIssueAsync(MappingSamples.Mapping(target: MappingSamples.Target(partitionKeys: ["year", key])),
            MappingIssueSeverity.Error, "Target.PartitionKeys");

        Assert.Contains(expected, issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PartitionKeys_ListedTwice_OrCoveringEveryColumn_AreErrors()
    {
        var twice = await SingleIssueAsync(MappingSamples.Mapping(target: MappingSamples.Target(partitionKeys: ["year", "year"])), MappingIssueSeverity.Error, "Target.PartitionKeys");
        var all = await SingleIssueAsync(
            MappingSamples.Mapping(rules: [new("year", "string", "year", "string"), new("month", "string", "month", "string")]),
            MappingIssueSeverity.Error, "Target.PartitionKeys");

        Assert.Contains("twice", twice.Message, StringComparison.Ordinal);
        Assert.Contains("Every column", all.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Curated", "orders", "Target.Database")]
    [InlineData("curated", "or-ders", "Target.Table")]
    [InlineData("", "orders", "Target.Database")]
    [InlineData("curated", "'; DROP TABLE x; --", "Target.Table")]
    public async Task TargetDatabaseOrTableName_BreakingAthenasRule_IsAnError(string database, string table, string field)
    {
        await SingleIssueAsync(MappingSamples.Mapping(target: MappingSamples.Target(database: database, table: table)), MappingIssueSeverity.Error, field);
    }

    [Theory]
    [InlineData("/tmp/orders", "not an S3 location")]
    [InlineData("https://lake/curated/", "not an S3 location")]
    [InlineData("s3://lake/curated/../../etc/", "'..'")]
    [InlineData("s3://Bad_Bucket/x/", "bucket")]
    [InlineData("s3://lake/raw/orders/curated/", "inside the source")]
    [InlineData("s3://lake/raw/orders", "inside the source")]
    [InlineData("s3://lake/raw/", "contains the source")]
    public async Task TargetLocation_NotAnS3UriInTheLake_OrOverlappingTheSource_IsAnError(string location, string expected)
    {
        var issue = await SingleIssueAsync(MappingSamples.Mapping(target: MappingSamples.Target(location)), MappingIssueSeverity.Error, "Target.Location");

        Assert.Contains(expected, issue.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TargetFormat.Csv, "snappy", false)]
    [InlineData(TargetFormat.Json, "zstd", false)]
    [InlineData(TargetFormat.Parquet, "none", false)]
    [InlineData(TargetFormat.Parquet, "", false)]
    [InlineData(TargetFormat.Parquet, "gzip", true)]
    [InlineData(TargetFormat.Parquet, "uncompressed", true)]
    [InlineData(TargetFormat.Csv, "gzip", true)]
    [InlineData(TargetFormat.Json, "none", true)]
    public async Task Compression_MustSuitTheFormat(TargetFormat format, string compression, bool valid)
    {
        var issues = await ValidateAsync(MappingSamples.Mapping(target: MappingSamples.Target(format: format, compression: compression)));

        Assert.Equal(valid, !issues.Any(i => i.Field == "Target.Compression"));
    }

    [Theory]
    [InlineData("orders curated")]
    [InlineData("a\"b")]
    [InlineData("")]
    public async Task MappingName_WithOtherThanLettersDigitsDashUnderscoreDot_IsAnError(string name)
    {
        await SingleIssueAsync(MappingSamples.Mapping(name), MappingIssueSeverity.Error, "Name");
    }

    [Fact]
    public async Task NoMappedColumns_AndUnknownResolveChoice_AreErrors()
    {
        var issues = await ValidateAsync(MappingSamples.Mapping(rules: MappingSamples.Rules.Select(r => r with { Drop = true }).ToList(), target: MappingSamples.Target(partitionKeys: []))
            with { Options = new MappingOptions(ResolveChoice: "explode") });

        Assert.Contains(issues, i => i is { Severity: MappingIssueSeverity.Error, Field: "Rules" });
        Assert.Contains(issues, i => i is { Severity: MappingIssueSeverity.Error, Field: "Options.ResolveChoice" });
    }

    [Fact]
    public async Task Save_RefusesErrors_ListingThem_ButWarningsDoNotBlock()
    {
        await using var state = await MappingSamples.StateWithSourceAsync();
        var mappings = state.Get<IMappings>();
        var bad = MappingSamples.Mapping(rules: MappingSamples.With(7, new ColumnRule("ordered_at", "timestamp", "a\"b", "timestamp")), target: MappingSamples.Target("s3://lake/raw/orders/x/"));
        var lossy = MappingSamples.Mapping(rules: MappingSamples.With(8, new ColumnRule("note", "string", "note", "int")));

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => mappings.SaveAsync(Callers.Analyst, bad, null, null, Callers.Token));
        var saved = await mappings.SaveAsync(Callers.Analyst, lossy, null, null, Callers.Token);

        Assert.Contains("Row 8 (TargetName)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Target.Location", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, saved.Version);
    }
}
