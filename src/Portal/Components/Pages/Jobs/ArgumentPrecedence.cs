namespace Lakeport.Portal.Components.Pages.Jobs;

/// <summary>Where an effective argument's value comes from.</summary>
public enum ArgumentSource
{
    Default,
    Run,
    NonOverridable,
}

/// <summary>One argument as the run will see it.</summary>
public sealed record EffectiveArgument(string Key, string Value, ArgumentSource Source);

/// <summary>Glue's argument precedence: non-overridable arguments beat run arguments, which beat the job's defaults.</summary>
public static class ArgumentPrecedence
{
    /// <summary>The arguments a run gets, sorted by key, each with where its value came from.</summary>
    public static IReadOnlyList<EffectiveArgument> Effective(
        IReadOnlyDictionary<string, string> defaults, IReadOnlyDictionary<string, string> run, IReadOnlyDictionary<string, string> nonOverridable)
    {
        var result = new SortedDictionary<string, EffectiveArgument>(StringComparer.Ordinal);
        foreach (var (key, value) in defaults)
        {
            result[key] = new EffectiveArgument(key, value, ArgumentSource.Default);
        }

        foreach (var (key, value) in run)
        {
            result[key] = new EffectiveArgument(key, value, ArgumentSource.Run);
        }

        foreach (var (key, value) in nonOverridable)
        {
            result[key] = new EffectiveArgument(key, value, ArgumentSource.NonOverridable);
        }

        return [.. result.Values];
    }

    /// <summary>
    /// The run arguments to send from the rows of the run dialog (pre-filled with the defaults): only keys the user added
    /// or changed, never a non-overridable key (it would be ignored), blank keys skipped.
    /// </summary>
    public static IReadOnlyDictionary<string, string> RunOverrides(
        IEnumerable<KeyValuePair<string, string>> rows, IReadOnlyDictionary<string, string> defaults, IReadOnlyDictionary<string, string> nonOverridable)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (rawKey, value) in rows)
        {
            var key = rawKey.Trim();
            if (key.Length == 0 || nonOverridable.ContainsKey(key)
                || (defaults.TryGetValue(key, out var byDefault) && string.Equals(byDefault, value, StringComparison.Ordinal)))
            {
                continue;
            }

            result[key] = value;
        }

        return result;
    }

    /// <summary>
    /// Where each of a run's effective arguments most likely came from, judged against the job's settings now:
    /// a value equal to the non-overridable or default one is credited to it, anything else to the run.
    /// </summary>
    public static IReadOnlyList<EffectiveArgument> Explain(
        IReadOnlyDictionary<string, string> effective, IReadOnlyDictionary<string, string> defaults, IReadOnlyDictionary<string, string> nonOverridable) =>
        [.. effective.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => new EffectiveArgument(a.Key, a.Value,
            nonOverridable.TryGetValue(a.Key, out var fixedValue) && fixedValue == a.Value ? ArgumentSource.NonOverridable
            : defaults.TryGetValue(a.Key, out var byDefault) && byDefault == a.Value ? ArgumentSource.Default
            : ArgumentSource.Run))];
}
