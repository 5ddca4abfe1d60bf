using System.Text.RegularExpressions;
using Lakeport.Services.Common;
using Lakeport.Services.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Lakeport.Services.Aws;

/// <summary>
/// Rules of <see cref="AwsOptions"/>, checked only when <c>Portal:Backend</c> is <c>Aws</c> so a Local portal never
/// trips over a half-written Aws section. Every message starts with the key it is about. The backend is read from
/// configuration, not from the validated <see cref="PortalOptions"/>, so a failure there cannot hide the ones here.
/// </summary>
public sealed partial class AwsOptionsValidator(IConfiguration configuration) : IValidateOptions<AwsOptions>
{
    private const string Prefix = "Portal:Aws:";

    public ValidateOptionsResult Validate(string? name, AwsOptions options)
    {
        if (!string.Equals(configuration[$"{PortalOptions.SectionName}:Backend"], nameof(PortalBackend.Aws), StringComparison.OrdinalIgnoreCase))
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
        Required(failures, "Region", options.Region);
        if (!string.IsNullOrWhiteSpace(options.Region) && !RegionName().IsMatch(options.Region))
        {
            failures.Add($"{Prefix}Region must be a region code such as eu-west-1 but is '{options.Region}'.");
        }

        Required(failures, "Athena:WorkGroup", options.Athena.WorkGroup);
        S3Location(failures, "Athena:OutputLocation", options.Athena.OutputLocation);
        S3Location(failures, "ScriptsLocation", options.ScriptsLocation);
        Required(failures, "GlueRoleArn", options.GlueRoleArn);
        if (!string.IsNullOrWhiteSpace(options.GlueRoleArn) && !RoleArn().IsMatch(options.GlueRoleArn))
        {
            failures.Add($"{Prefix}GlueRoleArn must be an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>) but is '{options.GlueRoleArn}'.");
        }

        HttpUrl(failures, "ServiceUrl", options.ServiceUrl);
        foreach (var (service, url) in options.ServiceUrls)
        {
            if (!AwsOptions.ServiceNames.Contains(service, StringComparer.OrdinalIgnoreCase))
            {
                failures.Add($"{Prefix}ServiceUrls:{service} names no service; use {string.Join(", ", AwsOptions.ServiceNames)}.");
            }
            else
            {
                HttpUrl(failures, $"ServiceUrls:{service}", url);
            }
        }

        Retry(failures, options.Retry);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Required(List<string> failures, string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"{Prefix}{key} is required when Portal:Backend is 'Aws'.");
        }
    }

    private static void S3Location(List<string> failures, string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Required(failures, key, value);
        }
        else if (!S3Uri.TryParse(value, out _, out var error))
        {
            failures.Add($"{Prefix}{key}: {error}");
        }
    }

    private static void HttpUrl(List<string> failures, string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value)
            && !(Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
        {
            failures.Add($"{Prefix}{key} must be an absolute http(s) URL but is '{value}'.");
        }
    }

    private static void Retry(List<string> failures, AwsRetryOptions retry)
    {
        if (retry.MaxAttempts is < 1 or > 20)
        {
            failures.Add($"{Prefix}Retry:MaxAttempts must be between 1 and 20 but is {retry.MaxAttempts}.");
        }

        if (retry.BaseDelay <= TimeSpan.Zero || retry.MaxDelay < retry.BaseDelay)
        {
            failures.Add($"{Prefix}Retry:BaseDelay must be positive and no more than Retry:MaxDelay.");
        }
    }

    /// <summary>A region code (eu-west-1, us-gov-west-1, cn-north-1), not its display name.</summary>
    [GeneratedRegex(@"^[a-z]{2}(-[a-z]+)+-\d{1,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionName();

    /// <summary>An IAM role in any partition (aws, aws-cn, aws-us-gov); the name may carry a path.</summary>
    [GeneratedRegex(@"^arn:aws(-[a-z]+)*:iam::\d{12}:role/[\w+=,.@/-]{1,512}$", RegexOptions.CultureInvariant)]
    private static partial Regex RoleArn();
}
