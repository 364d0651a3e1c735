using Microsoft.Extensions.Logging;

namespace CpAlerts.Tool.Cli;

/// <summary>
/// The demo's details file (`--faults`): the handler's log lines, one a line with their scopes as the console writes
/// them, and any line the demo adds, so the terminal can say a line a fault and point here for the rest.
/// </summary>
public sealed class DemoLogFile(string path) : ILoggerProvider, ISupportExternalScope
{
    private readonly TextWriter _writer = TextWriter.Synchronized(new StreamWriter(path, append: false) { AutoFlush = true });
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public string Path { get; } = path;

    /// <summary>For lines of the demo's own (each refusal of the mail service stand-in).</summary>
    public TextWriter Writer => _writer;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose() => _writer.Dispose();

    private sealed class Logger(DemoLogFile file, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => file._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new List<string>();
            file._scopes.ForEachScope((scope, list) => list.Add(scope?.ToString() ?? ""), scopes);
            var prefix = scopes.Count == 0 ? "" : string.Join(" => ", scopes) + " => ";
            file._writer.WriteLine($"{logLevel}: {category} => {prefix}{formatter(state, exception)}{(exception is null ? "" : " " + exception.GetType().Name + ": " + exception.Message)}");
        }
    }
}
