namespace Lakeport.Services.Common;

/// <summary>One page of a listing and the opaque token for the next, as the AWS list operations return them.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextToken);

/// <summary>Paging request: <paramref name="MaxResults"/> is clamped by each listing to its own limit.</summary>
public sealed record PageRequest(string? NextToken = null, int? MaxResults = null);

/// <summary>One page of a listing the UI pages through by offset, with the total the pager shows.</summary>
public sealed record CountedPage<T>(IReadOnlyList<T> Items, int TotalCount);
