using Lakeport.Services.Aws;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Lakeport.Services.Tests.Aws.Client;

/// <summary><c>Portal:Aws</c> is checked only for the Aws backend, and every complaint names its key.</summary>
public sealed class AwsOptionsValidatorTests
{
    [Fact]
    public void CompleteSection_IsValid()
    {
        Assert.True(Validate(Complete()).Succeeded);
    }

    [Theory]
    [InlineData("Region", "Portal:Aws:Region")]
    [InlineData("WorkGroup", "Portal:Aws:Athena:WorkGroup")]
    [InlineData("OutputLocation", "Portal:Aws:Athena:OutputLocation")]
    [InlineData("ScriptsLocation", "Portal:Aws:ScriptsLocation")]
    [InlineData("GlueRoleArn", "Portal:Aws:GlueRoleArn")]
    public void MissingRequiredKey_IsNamed(string missing, string key)
    {
        var options = Complete();
        switch (missing)
        {
            case "Region": options.Region = null; break;
            case "WorkGroup": options.Athena.WorkGroup = " "; break;
            case "OutputLocation": options.Athena.OutputLocation = null; break;
            case "ScriptsLocation": options.ScriptsLocation = ""; break;
            default: options.GlueRoleArn = null; break;
        }

        var result = Validate(options);

        Assert.True(result.Failed);
        Assert.Equal($"{key} is required when Portal:Backend is 'Aws'.", Assert.Single(result.Failures!));
    }

    [Theory]
    [InlineData("ServiceUrl", "localhost:5000", "Portal:Aws:ServiceUrl must be an absolute http(s) URL")]
    [InlineData("ServiceUrl", "ftp://127.0.0.1/", "Portal:Aws:ServiceUrl must be an absolute http(s) URL")]
    [InlineData("ServiceUrls:Athena", "not a url", "Portal:Aws:ServiceUrls:Athena must be an absolute http(s) URL")]
    [InlineData("ServiceUrls:Gleu", "http://127.0.0.1:5000/", "Portal:Aws:ServiceUrls:Gleu names no service")]
    [InlineData("OutputLocation", "/tmp/results", "Portal:Aws:Athena:OutputLocation: '/tmp/results' is not an S3 location")]
    [InlineData("ScriptsLocation", "s3://No_Such/bucket", "Portal:Aws:ScriptsLocation: 'No_Such' in")]
    [InlineData("GlueRoleArn", "LakeportGlue", "Portal:Aws:GlueRoleArn must be an IAM role ARN")]
    [InlineData("GlueRoleArn", "arn:aws:iam::123:role/LakeportGlue", "Portal:Aws:GlueRoleArn must be an IAM role ARN")]
    [InlineData("GlueRoleArn", "arn:aws:s3:::lakeport-scripts", "Portal:Aws:GlueRoleArn must be an IAM role ARN")]
    [InlineData("Region", "Ireland", "Portal:Aws:Region must be a region code")]
    [InlineData("ServiceUrls:STS", "sts.local", "Portal:Aws:ServiceUrls:STS must be an absolute http(s) URL")]
    public void BadValue_IsRefused_NamingItsKey(string key, string value, string expected)
    {
        var options = Complete();
        switch (key)
        {
            case "ServiceUrl": options.ServiceUrl = value; break;
            case "OutputLocation": options.Athena.OutputLocation = value; break;
            case "ScriptsLocation": options.ScriptsLocation = value; break;
            case "GlueRoleArn": options.GlueRoleArn = value; break;
            case "Region": options.Region = value; break;
            default: options.ServiceUrls[key["ServiceUrls:".Length..]] = value; break;
        }

        var failure = Assert.Single(Validate(options).Failures!);

        Assert.StartsWith(expected, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void LocalBackend_IgnoresTheAwsSection()
    {
        var broken = new AwsOptions { ServiceUrl = "not a url", Retry = { MaxAttempts = 0 } };

        Assert.True(Validate(broken, backend: "Local").Skipped);
    }

    [Fact]
    public void Endpoint_IsTheServicesOwn_ElseTheShared_ElseAwsRegional()
    {
        var options = Complete();
        options.ServiceUrl = "http://127.0.0.1:5000/";
        options.ServiceUrls["athena"] = "http://127.0.0.1:6000/aws";

        Assert.Equal(new Uri("http://127.0.0.1:6000/aws"), options.EndpointFor("Athena", "athena"));
        Assert.Equal(new Uri("http://127.0.0.1:5000/"), options.EndpointFor("Glue", "glue"));
        options.ServiceUrl = null;
        Assert.Equal(new Uri("https://monitoring.eu-west-1.amazonaws.com/"), options.EndpointFor("CloudWatch", "monitoring"));
    }

    private static ValidateOptionsResult Validate(AwsOptions options, string backend = "Aws") =>
        new AwsOptionsValidator(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Portal:Backend"] = backend }).Build())
            .Validate(null, options);

    private static AwsOptions Complete() => new()
    {
        Region = "eu-west-1",
        Athena = { WorkGroup = "primary", OutputLocation = "s3://lakeport-results/athena/" },
        ScriptsLocation = "s3://lakeport-scripts/jobs/",
        GlueRoleArn = "arn:aws:iam::123456789012:role/LakeportGlue",
    };
}
