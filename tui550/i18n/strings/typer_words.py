"""Typer's own words in help and usage errors (`tui550.cli.typer_text`)."""

STRINGS: dict[str, tuple[str, str]] = {
    "typer.help_option": ("显示本帮助并退出。", "Show this message and exit."),
    "typer.required": ("[必填]", "[required]"),
    "typer.default": ("[默认：", "[default: "),
    "typer.env_var": ("[环境变量：", "[env var: "),
    "typer.options": ("选项", "Options"),
    "typer.arguments": ("参数", "Arguments"),
    "typer.commands": ("命令", "Commands"),
    "typer.usage": ("用法：", "Usage: "),
    "typer.try_help": ("运行“{command}”查看帮助。", "Try '{command}' for help."),
    "typer.error": ("错误：{message}", "Error: {message}"),
    "typer.no_such_option": ("没有这个选项：{name}{hint}", "No such option: {name}{hint}"),
    "typer.no_such_command": ("没有这个命令：{name}{hint}", "No such command: {name}{hint}"),
    "typer.did_you_mean": ("（是否为 {name}？）", " (did you mean {name}?)"),
    "typer.heading_end": ("：", ":"),
    "typer.missing_command": ("缺少命令。", "Missing command."),
    "typer.missing_argument": ("缺少参数 {name}。", "Missing argument {name}."),
    "typer.missing_option": ("缺少选项 {name}。", "Missing option {name}."),
    "typer.needs_value": ("选项 {name} 需要一个值。", "Option {name} requires a value."),
    "typer.extra_arguments": ("多余的参数：{name}", "Unexpected extra arguments: {name}"),
    "typer.invalid_value": ("{name} 的值不合适：{reason}", "Invalid value for {name}: {reason}"),
}
