namespace Lakeport.Services.Common;

/// <summary>
/// An <see cref="IProgress{T}"/> that calls <paramref name="report"/> on the reporting thread, at once and in order;
/// <see cref="Progress{T}"/> posts each report to the thread pool instead, where a late one can pass the end.
/// </summary>
public sealed class ReportTo<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
