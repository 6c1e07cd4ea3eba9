<?php
// require __DIR__ . '/autoload.php'; then use Numconc\Programme, Numconc\Campaign…
// (Composer users: autoload "Numconc\\" => "src/" as PSR-4.)
declare(strict_types=1);

spl_autoload_register(static function (string $class): void {
    if (str_starts_with($class, 'Numconc\\')) {
        $file = __DIR__ . '/src/' . substr($class, strlen('Numconc\\')) . '.php';
        if (is_file($file)) {
            require $file;
        }
    }
});
