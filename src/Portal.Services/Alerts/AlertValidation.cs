using System.Text.RegularExpressions;
using Lakeport.Services.Common;

namespace Lakeport.Services.Alerts;

/// <summary>The rules for an alert rule; each refusal names the field at fault.</summary>
public static partial class AlertValidation
{
    public const int MaxUrlLength = 2048;

    public static AlertRuleDefinition Validate(AlertRuleDefinition rule)
    {
        if (string.IsNullOrEmpty(rule.Name) || !NamePattern().IsMatch(rule.Name))
        {
            throw new InvalidInputException($"Alert rule name '{rule.Name}' is not valid: 1–128 letters, digits, '-', '_' or '.'.");
        }

        if (!Enum.IsDefined(rule.Kind))
        {
            throw new InvalidInputException($"Alert kind '{rule.Kind}' is not known: use one of {string.Join(", ", Enum.GetNames<AlertKind>())}.");
        }

        var subject = rule.Subject?.Trim() ?? "";
        if (subject.Length is 0 or > 255 || subject.Any(char.IsControl))
        {
            throw new InvalidInputException("Subject must be a job or crawler name (1–255 characters) or * for all.");
        }

        var threshold = rule.Kind switch
        {
            AlertKind.JobRunningLong => Range(rule.Threshold, 1, AlertRules.MaxRunningMinutes, "minutes"),
            AlertKind.JobNoSuccess => Range(rule.Threshold, 1, AlertRules.MaxSilentHours, "hours"),
            _ => (int?)null,
        };

        var url = string.IsNullOrWhiteSpace(rule.WebhookUrl) ? null : rule.WebhookUrl.Trim();
        if (url is not null)
        {
            if (url.Length > MaxUrlLength
                || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
                || string.IsNullOrEmpty(uri.Host))
            {
                throw new InvalidInputException($"Webhook URL '{url}' is not valid: give an absolute http:// or https:// URL.");
            }
        }

        var secret = string.IsNullOrEmpty(rule.WebhookSecret) ? null : rule.WebhookSecret;
        if (secret is not null && (secret.Length > 512 || secret.Any(char.IsControl)))
        {
            throw new InvalidInputException("The webhook secret must be at most 512 characters without line breaks or control characters.");
        }

        return rule with { Subject = subject, Threshold = threshold, WebhookUrl = url, WebhookSecret = url is null ? null : secret };
    }

    private static int Range(int? value, int min, int max, string unit) =>
        value is { } v && v >= min && v <= max
            ? v
            : throw new InvalidInputException($"N must be between {min:N0} and {max:N0} {unit} (was {value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "empty"}).");

    [GeneratedRegex(@"^[A-Za-z0-9._-]{1,128}$")]
    private static partial Regex NamePattern();
}
