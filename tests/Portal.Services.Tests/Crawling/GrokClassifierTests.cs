using Lakeport.Services.Common;
using Lakeport.Services.Crawling.Classification;
using Lakeport.Services.Crawling.Classification.Grok;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Crawling;

public sealed class GrokClassifierTests
{
    [Fact]
    public async Task GrokPattern_TypesItsFields_AndMatchesEveryLine()
    {
        const string pattern = "%{TIMESTAMP_ISO8601:at} %{LOGLEVEL:level} \\[%{WORD:thread}\\] %{INT:b:byte} %{INT:s:short} %{INT:i:int} %{INT:l:long} %{NUMBER:f:float} %{NUMBER:d:double} %{WORD:ok:boolean} %{GREEDYDATA:message}";
        var classifier = new GrokClassifier("app", "applog", pattern, null);

        var result = await classifier.ClassifyAsync(Samples.Text(
            "2025-01-02T03:04:05Z INFO [main] 1 2 3 4 5.5 6.5 true started\n2025-01-02 03:04:06.123+01:00 WARN [io] 1 2 3 4 5 6 false slow disk\n"), Callers.Token);

        Assert.NotNull(result);
        Assert.Equal("applog", result.Classification);
        Assert.Equal(
            [("at", "string"), ("level", "string"), ("thread", "string"), ("b", "tinyint"), ("s", "smallint"), ("i", "int"), ("l", "bigint"), ("f", "float"), ("d", "double"), ("ok", "boolean"), ("message", "string")],
            result.Columns.Select(c => (c.Name, c.Type)));
        Assert.Equal("com.amazonaws.glue.serde.GrokSerDe", result.SerDe.SerializationLibrary);
        Assert.Equal(pattern, result.SerDe.Parameters["input.format"]);
        Assert.Equal(2, result.SampledRecords);
    }

    [Fact]
    public async Task ALineThatDoesNotMatch_MeansNotThisFormat()
    {
        var classifier = new GrokClassifier("app", "applog", "^%{IPV4:ip} %{WORD:verb}$", null);

        var result = await classifier.ClassifyAsync(Samples.Text("10.0.0.1 GET\nnot a log line at all\n"), Callers.Token);

        Assert.Null(result);
    }

    [Fact]
    public async Task CustomPatterns_MayReferenceEachOtherAndTheStandardLibrary()
    {
        var classifier = new GrokClassifier("c", "mylog", "%{MYLINE}",
            "# my patterns\nMYID [A-Z]{3}-%{INT}\nMYLINE %{MYID:id} from %{IPORHOST:host} user %{EMAILADDRESS:email} path %{UNIXPATH:path} uuid %{UUID:uuid}\n");

        var result = await classifier.ClassifyAsync(Samples.Text(
            "ABC-12 from fe80::1 user a.b@example.com path /var/log/x.log uuid 123e4567-e89b-12d3-a456-426614174000\nXYZ-7 from db01.example.com user z@x.io path /tmp uuid 123E4567-E89B-12D3-A456-426614174000\n"),
            Callers.Token);

        Assert.Equal(["id", "host", "email", "path", "uuid"], result?.Columns.Select(c => c.Name));
        Assert.Equal("# my patterns\nMYID [A-Z]{3}-%{INT}\nMYLINE %{MYID:id} from %{IPORHOST:host} user %{EMAILADDRESS:email} path %{UNIXPATH:path} uuid %{UUID:uuid}\n",
            result?.SerDe.Parameters["input.grokCustomPatterns"]);
    }

    [Theory]
    [InlineData("%{SYSLOGTIMESTAMP:t} %{HOSTNAME:h}", "Oct  3 12:01:02 web-1")]
    [InlineData("%{HTTPDATE:t}", "10/Oct/2000:13:55:36 -0700")]
    [InlineData("%{IP:a} %{IPV6:b} %{IPV4:c}", "192.168.0.1 2001:db8::ff00:42:8329 8.8.8.8")]
    [InlineData("%{URI:u} %{URIPATH:p} %{PATH:q}", "https://user@example.com:8443/a/b?c=d /x/y C:\\\\temp\\\\f")]
    [InlineData("%{QUOTEDSTRING:q} %{NOTSPACE:n}%{SPACE}%{DATA:d}", "\"a \\\"b\\\" c\" x-y   rest")]
    [InlineData("%{DATE:d} %{TIME:t} %{YEAR:y} %{MONTH:m} %{MONTHDAY:md} %{HOUR:h}:%{MINUTE:mi}:%{SECOND:s}", "12/31/2024 23:59:59 2024 December 31 23:59:60")]
    [InlineData("%{USER:u} %{USERNAME:n} %{BASE10NUM:x} %{NUMBER:y}", "john.doe jane_d -1.5 .25")]
    public void StandardPatterns_MatchTheirTypicalValues(string pattern, string line)
    {
        var expression = GrokCompiler.Compile($"^{pattern}$", null);

        Assert.Matches(expression.Regex, line);
    }

    [Theory]
    [InlineData("%{NOPE:x}", null, "GrokPattern: %{NOPE} is neither a custom pattern nor a standard grok pattern.")]
    [InlineData("%{INT:x:integer}", null, "type 'integer' of field x is not one of")]
    [InlineData("%{A}", "A %{B}\nB %{A}", "refers to itself")]
    [InlineData("%{WORD:w}", "SELF x%{SELF}", "CustomPatterns (SELF): pattern SELF refers to itself")]
    [InlineData("%{WORD:w}", "\nNAME_WITHOUT_REGEX", "CustomPatterns line 2:")]
    [InlineData("(unclosed %{WORD:w}", null, "GrokPattern: the expanded regular expression is not valid")]
    [InlineData("%{WORD:w} %{broken", null, "is not %{NAME}, %{NAME:field} or %{NAME:field:type}")]
    [InlineData("%{L9}", "L0 a\nL1 %{L0}%{L0}%{L0}%{L0}\nL2 %{L1}%{L1}%{L1}%{L1}\nL3 %{L2}%{L2}%{L2}%{L2}\nL4 %{L3}%{L3}%{L3}%{L3}\nL5 %{L4}%{L4}%{L4}%{L4}\nL6 %{L5}%{L5}%{L5}%{L5}\nL7 %{L6}%{L6}%{L6}%{L6}\nL8 %{L7}%{L7}%{L7}%{L7}\nL9 %{L8}%{L8}%{L8}%{L8}", "expands beyond")]
    public void BadPatterns_AreRefused_NamingWhatIsWrong(string pattern, string? custom, string message)
    {
        var error = Assert.Throws<InvalidInputException>(() => GrokCompiler.Compile(pattern, custom));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHostilePattern_TimesOut_AndIsReportedInsteadOfHangingTheCrawl()
    {
        var classifier = new GrokClassifier("evil", "evil", "^(\\w|\\w\\w|\\w\\w\\w)*[0-9]$", null);
        var line = new string('a', 5000) + "!";

        var error = await Assert.ThrowsAsync<UnreadableFileException>(async () => await classifier.ClassifyAsync(Samples.Text(line + "\n"), Callers.Token));

        Assert.Contains("took longer than", error.Message, StringComparison.Ordinal);
    }
}
