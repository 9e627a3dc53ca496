using System.CommandLine;
using ExpertNetwork.Cli.Experts;

namespace ExpertNetwork.Cli;

public static class CliApp
{
    public static RootCommand Root()
    {
        var root = new RootCommand("expertnet: the ExpertNetwork directory, search and matching from the command line");
        root.Options.Add(CliOptions.Data);
        root.Options.Add(CliOptions.Verbose);
        root.Subcommands.Add(ExpertCommands.Import());
        root.Subcommands.Add(ExpertCommands.Export());
        root.Subcommands.Add(ExpertCommands.Show());
        root.Subcommands.Add(ExpertCommands.Stats());
        root.Subcommands.Add(ExpertCommands.Migrate());
        return root;
    }
}
