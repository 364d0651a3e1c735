using System.CommandLine;
using CpAlerts.Application.Configuration;
using Microsoft.Extensions.Configuration;

namespace CpAlerts.Tool.Cli;

/// <summary>Where a verb reads records from: a CSV export folder (`--data`) or Table Storage (`--storage`, `--council`).</summary>
public sealed class RecordSource
{
    public Option<DirectoryInfo> Data { get; } = CommonOptions.DataFolder(required: false);

    public Option<bool> Storage { get; } = new("--storage") { Description = "Read the records imported into Table Storage instead of a CSV folder." };

    public Option<string?> Council { get; } = CommonOptions.Council();

    /// <summary>Adds the three options and the rule that exactly one source is given.</summary>
    public static RecordSource AddTo(Command command)
    {
        var source = new RecordSource();
        command.Options.Add(source.Data);
        command.Options.Add(source.Storage);
        command.Options.Add(source.Council);
        command.Validators.Add(result =>
        {
            if ((result.GetValue(source.Data) is null) == !result.GetValue(source.Storage))
            {
                result.AddError("Give either --data FOLDER (a CSV export) or --storage (records imported into Table Storage).");
            }
        });
        return source;
    }

    /// <summary>The CSV folder, or null when reading from storage.</summary>
    public DirectoryInfo? Folder(ParseResult parse) => parse.GetValue(Data);

    /// <summary>The council to read from storage (required there): `--council` or the CpAlerts__CouncilCode setting.</summary>
    public string StoredCouncil(ParseResult parse, IConfiguration configuration) => CouncilCode.Resolve(parse.GetValue(Council), configuration);
}
