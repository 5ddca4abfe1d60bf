using Lakeport.Services.Monitoring;

namespace Lakeport.Services.Aws.Wire.Logs;

/// <summary>The client side of <see cref="LogsMapping"/>: what the Aws backend sends to Logs and reads back as the logs model.</summary>
public static class LogsClientMapping
{
    public static LogsInputLogEvent ToWire(this InputLogEvent e) => new() { Timestamp = e.Timestamp, Message = e.Message };

    public static OutputLogEvent ToDomain(this LogsOutputLogEvent e) => new(e.Timestamp ?? 0, e.Message ?? "", e.IngestionTime ?? 0);

    public static FilteredLogEvent ToDomain(this LogsFilteredLogEvent e) =>
        new(e.LogStreamName ?? "", e.EventId ?? "", e.Timestamp ?? 0, e.Message ?? "", e.IngestionTime ?? 0);

    public static LogGroup ToDomain(this LogsLogGroup group) => new(group.LogGroupName ?? "", group.CreationTime ?? 0, group.StoredBytes ?? 0);

    /// <summary>Logs leaves the event times out for a stream nothing was written to; so does the model.</summary>
    public static LogStream ToDomain(this LogsLogStream stream) =>
        new(stream.LogStreamName ?? "", stream.CreationTime ?? 0, stream.FirstEventTimestamp, stream.LastEventTimestamp, stream.LastIngestionTime ?? 0);
}
