// Placeholder: writes media-types.json from the built table once the table exists.
console.log("media-types.json: table not built yet");
