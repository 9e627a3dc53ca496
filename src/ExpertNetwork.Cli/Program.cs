using ExpertNetwork.Cli;

return await CliRunner.RunAsync(CliApp.Root(), args);
