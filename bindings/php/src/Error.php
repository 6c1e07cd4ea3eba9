<?php
declare(strict_types=1);

namespace Numconc;

/**
 * An error of libnumconc: its status number (getCode(), stable), its stable
 * string code ($errorCode, "NOT_AT_PROVIDER"), its message in English
 * (getMessage(), $messageEn) and French ($messageFr), and for a NOT_ELIGIBLE
 * refusal its reasons, for INVALID_VALUE its data issues.
 */
final class Error extends \RuntimeException
{
    /**
     * @param list<array{code: string, message_en: string, message_fr: string}> $reasons
     * @param list<array{code: string, path: string, message_en: string, message_fr: string}> $issues
     */
    public function __construct(
        int $status,
        public readonly string $errorCode,
        public readonly string $messageEn,
        public readonly string $messageFr,
        public readonly array $reasons = [],
        public readonly array $issues = [],
    ) {
        parent::__construct($messageEn, $status);
    }

    /** The message in "en" or "fr". */
    public function message(string $lang): string
    {
        return $lang === 'fr' ? $this->messageFr : $this->messageEn;
    }

    /** The last error of this thread, which a call returning $status left. */
    public static function last(int $status): self
    {
        $f = Library::ffi();
        $en = Library::LANG_EN;
        $fr = Library::LANG_FR;
        $reasons = [];
        for ($i = 0, $n = $f->numconc_last_error_reason_count(); $i < $n; $i++) {
            $reasons[] = [
                'code' => (string) $f->numconc_last_error_reason_code($i),
                'message_en' => (string) $f->numconc_last_error_reason_message($i, $en),
                'message_fr' => (string) $f->numconc_last_error_reason_message($i, $fr),
            ];
        }
        $issues = [];
        for ($i = 0, $n = $f->numconc_last_error_issue_count(); $i < $n; $i++) {
            $issues[] = [
                'code' => (string) $f->numconc_last_error_issue_code($i),
                'path' => (string) $f->numconc_last_error_issue_path($i),
                'message_en' => (string) $f->numconc_last_error_issue_message($i, $en),
                'message_fr' => (string) $f->numconc_last_error_issue_message($i, $fr),
            ];
        }
        return new self(
            $status,
            (string) ($f->numconc_last_error_code() ?? $f->numconc_status_code($status)),
            (string) $f->numconc_last_error_message($en),
            (string) $f->numconc_last_error_message($fr),
            $reasons,
            $issues,
        );
    }
}
