using System.CommandLine;
using ExpertNetwork.Cli.Experts;
using ExpertNetwork.Cli.Matching;
using ExpertNetwork.Cli.Search;
using ExpertNetwork.Cli.Web;

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
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(ExpertCommands.Migrate());
        root.Subcommands.Add(SearchCommands.Search());
        root.Subcommands.Add(SearchCommands.Index());
        root.Subcommands.Add(MatchCommands.Match());
        root.Subcommands.Add(MatchCommands.Train());
        root.Subcommands.Add(MatchCommands.Eval());
        root.Subcommands.Add(MatchCommands.Embed());
        root.Subcommands.Add(MatchCommands.FitVietnameseShift());
        root.Subcommands.Add(new Command("bench", "Benchmarks that print figures") { SearchCommands.BenchSearch(), MatchCommands.Bench(), MatchCommands.BenchEmbed(), ImportBenchCommand.Create(), WebBenchCommand.Create() });
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(UserCommands.Create());
        return root;
    }
}
