using System.CommandLine;
using ExpertNetwork.Cli;
using ExpertNetwork.Cli.Experts;

var root = new RootCommand("expertnet: the ExpertNetwork directory, search and matching from the command line");
root.Options.Add(CliOptions.Data);
root.Options.Add(CliOptions.Verbose);
root.Subcommands.Add(ExpertCommands.Import());
root.Subcommands.Add(ExpertCommands.Export());
root.Subcommands.Add(ExpertCommands.Show());
root.Subcommands.Add(ExpertCommands.Stats());
root.Subcommands.Add(ExpertCommands.Migrate());

return await CliRunner.RunAsync(root, args);
