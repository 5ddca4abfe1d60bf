using Lakeport.Portal.Auth;
using Lakeport.Portal.Ui;
using Lakeport.Services.Common;
using Lakeport.Services.Mapping;
using Lakeport.Services.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace Lakeport.Portal.Components.Pages.Mappings;

/// <summary>The mapping list: search and paging by the service; New and Import JSON for Analysts.</summary>
public sealed partial class MappingList
{
    private const int PageSize = 25;
    private readonly TokenPager _pager = new();
    private Caller? _caller;
    private Page<MappingSummary>? _page;
    private string? _text;

    [Inject]
    public required IMappings Mappings { get; init; }

    [Inject]
    public required IMappingExchange Exchange { get; init; }

    [Inject]
    public required MappingDraft Draft { get; init; }

    [Inject]
    public required CallerAccessor Callers { get; init; }

    [Inject]
    public required UiActions Ui { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    private bool CanEdit => _caller?.Role.Allows(MappingRules.Edit) == true;

    protected override async Task OnInitializedAsync()
    {
        _caller = await Ui.RunAsync(Callers.CurrentAsync);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        if (_caller is not { } caller)
        {
            _page = new Page<MappingSummary>([], null);
            return;
        }

        var text = string.IsNullOrWhiteSpace(_text) ? null : _text.Trim();
        _page = await Ui.RunAsync(() => Mappings.ListAsync(caller, text, new PageRequest(_pager.Token, PageSize), CancellationToken.None))
            ?? new Page<MappingSummary>([], null);
    }

    private async Task SearchAsync(string? text)
    {
        _text = text;
        _pager.Reset();
        await LoadAsync();
    }

    private async Task NextAsync()
    {
        _pager.Next(_page?.NextToken);
        await LoadAsync();
    }

    private async Task PreviousAsync()
    {
        _pager.Previous();
        await LoadAsync();
    }

    /// <summary>The imported definition opens in the editor unsaved; nothing is stored until the user saves.</summary>
    private async Task ImportJsonAsync(IBrowserFile? file)
    {
        if (file is null)
        {
            return;
        }

        var definition = await Ui.RunAsync(async () => Exchange.FromJson(await MappingExchangePanel.ReadTextAsync(file)));
        if (definition is not null)
        {
            Draft.Offer(definition);
            Navigation.NavigateTo(MappingLinks.New);
        }
    }
}
