package io.tributary.console.settings;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A rollback to a settings version that was never saved. */
@ResponseStatus(HttpStatus.NOT_FOUND)
class UnknownVersionException extends RuntimeException {

    UnknownVersionException(int number) {
        super("no saved settings version " + number);
    }
}
