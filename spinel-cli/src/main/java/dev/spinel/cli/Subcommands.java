package dev.spinel.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * The subcommands of {@code spinel}, in the order help lists them. Picocli reads every registered
 * command's options by reflection when the command line is built, and its classes (compiled for
 * Java 5) cannot be kept in the JVM's start-up cache; so a run that names a known subcommand
 * registers only that one (about 0.2 s less to start), and anything else registers them all, for
 * help, completion and the "did you mean" of an unknown name.
 */
final class Subcommands {
    private static final Map<String, Supplier<Object>> ALL = new LinkedHashMap<>();

    static {
        ALL.put("up", UpCommand::new);
        ALL.put("plan", PlanCommand::new);
        ALL.put("status", StatusCommand::new);
        ALL.put("secret", SecretCommand::new);
        ALL.put("down", DownCommand::new);
        ALL.put("serve", ServeCommand::new);
        ALL.put("check", CheckCommand::new);
        ALL.put("export", ExportCommand::new);
        ALL.put("backup", BackupCommand::new);
        ALL.put("backups", BackupsCommand::new);
        ALL.put("restore", RestoreCommand::new);
        ALL.put("drill", DrillCommand::new);
        ALL.put("warm", WarmCommand::new);
        ALL.put("audit", AuditCommand::new);
        ALL.put("rebalance", RebalanceCommand::new);
        ALL.put("scale", ScaleCommand::new);
        ALL.put("replace", ReplaceCommand::new);
        ALL.put("doctor", DoctorCommand::new);
        ALL.put("generate-completion", () -> new AutoComplete.GenerateCompletion());
        ALL.put(TrainCommand.NAME, TrainCommand::new);
    }

    private Subcommands() {
    }

    /** Registers the subcommand {@code args} names, or every one when it names none. */
    static void register(CommandLine line, String... args) {
        Supplier<Object> named = args.length > 0 ? ALL.get(args[0]) : null;
        if (named != null) {
            line.addSubcommand(args[0], named.get());
        } else {
            ALL.forEach((name, command) -> line.addSubcommand(name, command.get()));
        }
    }

    static java.util.Set<String> names() {
        return ALL.keySet();
    }
}
