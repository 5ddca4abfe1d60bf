using Lakeport.Portal.Components.Pages.Crawlers;
using Lakeport.Services.Crawling;

namespace Lakeport.Portal.Tests.Components;

public sealed class CrawlerFormTests
{
    [Fact]
    public void Options_MakeGluesConfigurationJson_WithOnlyWhatDiffersFromTheDefaults()
    {
        var form = new CrawlerForm { CombineCompatibleSchemas = true, TableLevel = 3, MergeNewColumns = true, InheritFromTable = true, TableThreshold = 20 };

        Assert.Equal(
            """{"Version":1.0,"Grouping":{"TableGroupingPolicy":"CombineCompatibleSchemas","TableLevelConfiguration":3},"CrawlerOutput":{"Tables":{"AddOrUpdateBehavior":"MergeNewColumns","TableThreshold":20},"Partitions":{"AddOrUpdateBehavior":"InheritFromTable"}}}""",
            form.Configuration());
        Assert.Null(new CrawlerForm().Configuration());
    }

    [Fact]
    public void Definition_RoundTripsThroughTheForm()
    {
        var definition = new CrawlerDefinition("c", "db", [new CrawlerTarget("s3://lake/a/", ["**/_tmp/**", "*.bak"]), new CrawlerTarget("s3://lake/b/", [])],
            "about", "raw_", ["first", "second"], """{"Version":1.0,"Grouping":{"TableLevelConfiguration":2},"CrawlerOutput":{"Partitions":{"AddOrUpdateBehavior":"InheritFromTable"}}}""",
            UpdateBehavior.LOG, DeleteBehavior.LOG, RecrawlBehavior.CRAWL_NEW_FOLDERS_ONLY, "arn:aws:iam::1:role/glue");

        var back = CrawlerForm.From(definition).ToDefinition();

        Assert.Equal(definition with { Targets = [], Classifiers = [] }, back with { Targets = [], Classifiers = [] });
        Assert.Equal(definition.Targets.Select(t => (t.Path, string.Join('|', t.Exclusions))), back.Targets.Select(t => (t.Path, string.Join('|', t.Exclusions))));
        Assert.Equal(definition.Classifiers, back.Classifiers);
    }
}
