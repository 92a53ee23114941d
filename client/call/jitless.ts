// Switches zod to interpreted parsing for the whole client. It must run before any schema is
// built, so it is the first import of the modules that lead to the signaling schemas.
//
// By default zod compiles a parser for each object schema the first time it parses with it. A
// page parses few frames, but each kind for the first time exactly when it matters: on this
// 2-core machine the guest's first `room.joined`, its first offer and its first candidate each
// took about 10 ms (up to 40 ms) to parse on the join path. Interpreted parsing of a signaling
// frame takes a few hundredths of a millisecond.
import { z } from 'zod';

z.config({ jitless: true });
