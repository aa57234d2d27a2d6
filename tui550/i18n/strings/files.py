"""Messages about the files the program writes and reads by name."""

STRINGS: dict[str, tuple[str, str]] = {
    "files.exists": ("文件已存在：{path}", "The file already exists: {path}"),
    "files.exists.remedy": (
        "加 --force 覆盖，或用 --out 指定其他文件名。",
        "Add --force to overwrite it, or choose another name with --out.",
    ),
    "files.appeared": (
        "写入期间有其他文件出现在 {path}，未覆盖。",
        "Another file appeared at {path} while writing; it was not replaced.",
    ),
    "files.changed": (
        "写入期间 {path} 已被替换，未覆盖。",
        "{path} was replaced while writing; it was not overwritten.",
    ),
    "files.is_folder": ("输出路径是一个文件夹：{path}", "The output path is a folder: {path}"),
    "files.not_regular": (
        "输出路径不是普通文件（{what}），不会写入或替换：{path}",
        "The output path is not a regular file ({what}); nothing is written or replaced: {path}",
    ),
    "files.no_folder": ("输出文件夹不存在：{path}", "The output folder does not exist: {path}"),
    "files.cannot_write": ("无法写入 {path}：{reason}", "Cannot write to {path}: {reason}"),
    "files.name_too_long": ("文件名太长：{path}", "The file name is too long: {path}"),
    "files.out.remedy": (
        "请用 --out 指定一个可写文件夹中的普通文件名。",
        "Choose a plain file name in a writable folder with --out.",
    ),
    "files.kind.link": ("符号链接", "a symbolic link"),
    "files.kind.device": ("设备", "a device"),
    "files.kind.fifo": ("命名管道", "a named pipe"),
    "files.kind.socket": ("套接字", "a socket"),
    "files.kind.other": ("特殊文件", "a special file"),
    "files.no_input": ("文件不存在：{path}", "No such file: {path}"),
    "files.cannot_read": ("无法读取 {path}：{reason}", "Cannot read {path}: {reason}"),
    "files.input_folder": ("这是一个文件夹，不是文件：{path}", "This is a folder, not a file: {path}"),
    "files.input_not_regular": (
        "不是普通文件（{what}），不会读取：{path}",
        "Not a regular file ({what}); it is not read: {path}",
    ),
    "files.input_too_big": (
        "文件超过 {limit} MB，不会读取：{path}",
        "The file is over {limit} MB; it is not read: {path}",
    ),
    "files.input.remedy": ("请指定一个普通文件的路径。", "Give the path of a regular file."),
    "files.input_link": (
        "这是一个符号链接，未跟随：{path}",
        "This is a symbolic link; it was not followed: {path}",
    ),
    "files.input_link.remedy": (
        "请指定文件本身，或加 --follow 读取链接指向的文件。",
        "Name the file itself, or add --follow to read what the link points to.",
    ),
}
