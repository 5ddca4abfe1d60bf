using Lakeport.Services.Mapping;

namespace Lakeport.Portal.Components.Pages.Mappings;

/// <summary>
/// A definition imported on the list page, handed to the editor it navigates to (per circuit), so the import opens
/// unsaved instead of being saved behind the user's back.
/// </summary>
public sealed class MappingDraft
{
    private MappingDefinition? _pending;

    public void Offer(MappingDefinition definition) => _pending = definition;

    /// <summary>The offered definition, once.</summary>
    public MappingDefinition? Take()
    {
        var pending = _pending;
        _pending = null;
        return pending;
    }
}
