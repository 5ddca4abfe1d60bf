namespace Lakeport.Portal.Components.Pages.Jobs;

/// <summary>Glue's argument precedence in words, the same on every page that edits or shows arguments.</summary>
public static class PrecedenceHint
{
    public const string Text =
        "Glue's precedence: a non-overridable argument always wins; otherwise a run argument overrides the job's default argument of the same key.";
}
