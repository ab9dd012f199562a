/**
 * Python source the runtime installs once per interpreter. Kept as data so the same text runs in the
 * browser worker and in Node.
 *
 * `run_script` runs one script the way `python /tmp/script.py` would: a fresh `__main__` module,
 * `sys.argv == [path]`, the script's folder first on `sys.path`, source written to the file so
 * tracebacks quote its lines (with 3.14's carets), the driver's own frame cut from tracebacks, and
 * SystemExit handled as CPython's `handle_system_exit` does. Whatever the script changed in the
 * interpreter's state (cwd, argv, path, std streams, `__main__`, SIGINT handler, recursion limit) is put
 * back afterwards; modules it imported stay loaded.
 */

/** Name of the module the driver is installed as (in sys.modules, not importable by path). */
export const DRIVER_MODULE = '_r1ci_driver';

/**
 * Finder for packages that could not be loaded: appended to sys.meta_path, so it is asked only after
 * every real finder failed, and raises ModuleNotFoundError with the reason. Compiled under importlib's
 * own file name, which CPython strips from import tracebacks, so the script's traceback ends at its own
 * import line exactly as for any missing module.
 */
const MISSING_FINDER_SOURCE = `
class MissingPackageFinder:
    reasons = {}

    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        reason = cls.reasons.get(fullname.partition('.')[0])
        if reason is None:
            return None
        raise ModuleNotFoundError(f"No module named {fullname!r} ({reason})", name=fullname)
`;


/**
 * Puts the interpreter back before and after each script, so one script cannot tamper with the next
 * (the red-team suite, issue 6): builtins and the modules loaded at start-up (the driver's own helpers
 * among them) get their start-up contents back; `sys.modules` entries loaded at start-up or imported
 * for real by an earlier script (seen through the `import` audit event) get their module objects back,
 * and entries a script added without importing them (poisoning a name the next script imports) are
 * dropped; import hooks are put back; files in the script's folder that would shadow a module (*.py,
 * *.pth, packages) are removed (data files stay). Everything it calls is captured when the driver is
 * installed, so a script that replaces `os.remove` cannot reach it. Modules a script imported itself
 * may still be monkeypatched for later scripts. Best effort within one interpreter (gc can reach
 * anything); the boundary that holds is the sandbox around the whole runtime (SECURITY.md).
 */
const GUARD_SOURCE = `
def _make_guard():
    import builtins, os, sys, types
    ModuleType = types.ModuleType
    dict_clear, dict_update, dict_items, dict_get = dict.clear, dict.update, dict.items, dict.get
    list_copy = list.copy
    listdir, remove, rmdir, walk = os.listdir, os.remove, os.rmdir, os.walk
    isdir, isfile, join, dirname, basename = os.path.isdir, os.path.isfile, os.path.join, os.path.dirname, os.path.basename
    builtins_dict = builtins.__dict__
    builtins_snapshot = dict(builtins_dict)
    modules = sys.modules
    known = dict(modules)
    module_dicts = []
    for name, module in list(known.items()):
        if type(module) is ModuleType and name not in ('__main__', 'sys'):
            module_dicts.append((module.__dict__, dict(module.__dict__)))
    hooks = dict(meta_path=list(sys.meta_path), path_hooks=list(sys.path_hooks))
    sys_hooks = dict(excepthook=sys.excepthook, displayhook=sys.displayhook, breakpointhook=sys.breakpointhook)
    imported = set()
    set_add, set_clear = set.add, set.clear

    def audit(event, args):
        if event == 'import' and args:
            set_add(imported, args[0])

    sys.addaudithook(audit)

    def remove_tree(path):
        for root, dirs, files in walk(path, topdown=False):
            for name in files:
                remove(join(root, name))
            for name in dirs:
                rmdir(join(root, name))
        rmdir(path)

    def clean_folder(folder, keep):
        try:
            names = listdir(folder)
        except OSError:
            return
        for name in names:
            path = join(folder, name)
            try:
                if name == keep:
                    continue
                if isfile(path) and (name.endswith('.py') or name.endswith('.pth') or name.endswith('.pyc') or name.endswith('.so')):
                    remove(path)
                elif isdir(path) and (name == '__pycache__' or isfile(join(path, '__init__.py'))):
                    remove_tree(path)
            except OSError:
                pass

    def restore(script_path):
        dict_clear(builtins_dict)
        dict_update(builtins_dict, builtins_snapshot)
        for namespace, snapshot in module_dicts:
            dict_clear(namespace)
            dict_update(namespace, snapshot)
        # known: modules loaded at start-up or imported for real by an earlier script.
        for name, module in list(dict_items(modules)):
            original = dict_get(known, name)
            if original is not None:
                if module is not original:
                    modules[name] = original
            elif name != '__main__':
                if name in imported and type(module) is ModuleType:
                    known[name] = module
                else:
                    del modules[name]
        for name, module in list(dict_items(known)):
            if name not in modules:
                modules[name] = module
        set_clear(imported)
        sys.meta_path[:] = hooks['meta_path']
        sys.path_hooks[:] = hooks['path_hooks']
        sys.path_importer_cache.clear()
        sys.excepthook, sys.displayhook, sys.breakpointhook = sys_hooks['excepthook'], sys_hooks['displayhook'], sys_hooks['breakpointhook']
        clean_folder(dirname(script_path), basename(script_path))

    return restore

_restore_interpreter = _make_guard()
del _make_guard
`;

export const DRIVER_SOURCE = `
import builtins, linecache, os, signal, sys, traceback, types, warnings

_finder_ns = {}
exec(compile(${JSON.stringify(MISSING_FINDER_SOURCE)}, '<frozen importlib._bootstrap>', 'exec'), _finder_ns)
MissingPackageFinder = _finder_ns['MissingPackageFinder']
sys.meta_path.append(MissingPackageFinder)


def _format_exception(exc, from_compile):
    # A compile error has only the driver's frame (CPython prints no traceback header for it); a
    # runtime exception's first frame is the driver's exec call.
    if from_compile or exc.__traceback__ is None:
        exc.__traceback__ = None
    else:
        exc.__traceback__ = exc.__traceback__.tb_next
    return ''.join(traceback.format_exception(exc))


def _exit_outcome(exc):
    # CPython's handle_system_exit: None -> 0, int -> that code, anything else printed, code 1.
    code = exc.code
    if code is None:
        return ('exit', 0, '')
    if isinstance(code, int):
        return ('exit', code, '')
    return ('exit', 1, str(code) + '\\n')


def _flush_streams():
    for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
        try:
            stream.flush()
        except BaseException:
            pass


def run_script(code, path, missing):
    """Runs one script; returns (kind, exit_code, stderr_text). kind: ok | error | exit | interrupt."""
    _restore_interpreter(path)
    folder = os.path.dirname(path)
    MissingPackageFinder.reasons = dict(missing)
    saved = dict(
        argv=sys.argv, path=list(sys.path), cwd=os.getcwd(), main=sys.modules.get('__main__'),
        stdout=sys.stdout, stderr=sys.stderr, stdin=sys.stdin, limit=sys.getrecursionlimit(),
        sigint=signal.getsignal(signal.SIGINT),
    )
    os.makedirs(folder, exist_ok=True)
    with open(path, 'w', encoding='utf-8') as file:
        file.write(code)
    linecache.checkcache(path)
    module = types.ModuleType('__main__')
    module.__file__ = path
    module.__builtins__ = builtins
    module.__spec__ = None
    module.__loader__ = None
    sys.modules['__main__'] = module
    sys.argv = [path]
    sys.path.insert(0, folder)
    os.chdir(folder)
    try:
        try:
            compiled = compile(code, path, 'exec', dont_inherit=True)
        except (SyntaxError, ValueError) as exc:
            return ('error', 1, _format_exception(exc, True))
        # catch_warnings puts back any warning filters the script changes.
        with warnings.catch_warnings():
            exec(compiled, module.__dict__)
        return ('ok', 0, '')
    except SystemExit as exc:
        return _exit_outcome(exc)
    except KeyboardInterrupt as exc:
        return ('interrupt', 1, _format_exception(exc, False))
    except BaseException as exc:
        return ('error', 1, _format_exception(exc, False))
    finally:
        _flush_streams()
        sys.stdout, sys.stderr, sys.stdin = saved['stdout'], saved['stderr'], saved['stdin']
        sys.argv, sys.path = saved['argv'], saved['path']
        if saved['main'] is not None:
            sys.modules['__main__'] = saved['main']
        try:
            os.chdir(saved['cwd'])
            sys.setrecursionlimit(saved['limit'])
            signal.signal(signal.SIGINT, saved['sigint'])
        except BaseException:
            pass
        MissingPackageFinder.reasons = {}
        _restore_interpreter(path)

exec(compile(${JSON.stringify(GUARD_SOURCE)}, '<r1ci-guard>', 'exec'), globals())
`;
