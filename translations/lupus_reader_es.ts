<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>App</name>
    <message>
        <source>Your notes and bookmarks cannot be opened: {error}. Anything you write now is kept only until you close the window.</source>
        <translation>No se pueden abrir sus notas y marcadores: {error}. Lo que escriba ahora solo se guardará hasta que cierre la ventana.</translation>
    </message>
    <message>
        <source>Your notes file was damaged, so a new one was started. The old file was kept, untouched, at {path}.</source>
        <translation>El archivo de sus notas estaba dañado, así que se empezó uno nuevo. El archivo anterior se conservó, sin tocar, en {path}.</translation>
    </message>
</context>
<context>
    <name>AppearanceController</name>
    <message>
        <source>Text &amp;Size</source>
        <translation>&amp;Tamaño del texto</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>T&amp;ema</translation>
    </message>
    <message>
        <source>Follow the &amp;System</source>
        <translation>Seguir al &amp;sistema</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Claro</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Oscuro</translation>
    </message>
    <message>
        <source>High &amp;Contrast</source>
        <translation>Alto co&amp;ntraste</translation>
    </message>
</context>
<context>
    <name>CountdownDialog</name>
    <message>
        <source>Still reading? Tap to continue</source>
        <translation>¿Sigue leyendo? Toque para continuar</translation>
    </message>
    <message>
        <source>Still reading?</source>
        <translation>¿Sigue leyendo?</translation>
    </message>
    <message>
        <source>Seconds until the screen is cleared</source>
        <translation>Segundos hasta que se borre la pantalla</translation>
    </message>
    <message>
        <source>In {seconds} s this screen is cleared for the next person: your notes, bookmarks and questions are not kept.</source>
        <translation>En {seconds} s esta pantalla se borrará para la siguiente persona: sus notas, marcadores y preguntas no se guardan.</translation>
    </message>
</context>
<context>
    <name>ErrorWords</name>
    <message>
        <source>the disk is full; free some space</source>
        <translation>el disco está lleno; libere algo de espacio</translation>
    </message>
    <message>
        <source>the folder cannot be written to</source>
        <translation>no se puede escribir en la carpeta</translation>
    </message>
    <message>
        <source>another Lupus Reader is busy with your notes; try again in a moment</source>
        <translation>otro Lupus Reader está usando sus notas; inténtelo de nuevo en un momento</translation>
    </message>
    <message>
        <source>a newer Lupus Reader saved them, and they are left as they are; open them with it</source>
        <translation>las guardó una versión más nueva de Lupus Reader y se dejan como están; ábralas con esa versión</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find in this page</source>
        <translation>Buscar en esta página</translation>
    </message>
    <message>
        <source>Matches</source>
        <translation>Coincidencias</translation>
    </message>
    <message>
        <source>Searched words</source>
        <translation>Palabras buscadas</translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter)</source>
        <translation>Coincidencia anterior (Mayúsculas+Intro)</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>Coincidencia anterior</translation>
    </message>
    <message>
        <source>Next match (Enter)</source>
        <translation>Coincidencia siguiente (Intro)</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>Coincidencia siguiente</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Cerrar (Esc)</translation>
    </message>
    <message>
        <source>Close find bar</source>
        <translation>Cerrar la barra de búsqueda</translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>Sin coincidencias</translation>
    </message>
    <message>
        <source>more than {count}</source>
        <translation>más de {count}</translation>
    </message>
    <message>
        <source>{current} of {total}</source>
        <translation>{current} de {total}</translation>
    </message>
</context>
<context>
    <name>GlossaryDialog</name>
    <message>
        <source>Glossary</source>
        <translation>Glosario</translation>
    </message>
    <message>
        <source>Glossary: all terms and what they mean</source>
        <translation>Glosario: todos los términos y lo que significan</translation>
    </message>
</context>
<context>
    <name>GlossaryPopup</name>
    <message>
        <source>Definition</source>
        <translation>Definición</translation>
    </message>
    <message>
        <source>All terms…</source>
        <translation>Todos los términos…</translation>
    </message>
    <message>
        <source>Show the glossary: all terms</source>
        <translation>Mostrar el glosario: todos los términos</translation>
    </message>
</context>
<context>
    <name>GuideInfo</name>
    <message>
        <source>This guide is general information, not medical advice. Decisions about treatment belong with you, your rheumatologist and your care team.</source>
        <translation>Esta guía es información general, no un consejo médico. Las decisiones sobre el tratamiento las toman usted, su reumatólogo y su equipo médico.</translation>
    </message>
    <message>
        <source>not stated</source>
        <translation>no indicada</translation>
    </message>
    <message>
        <source>Version {version} · Last reviewed: &lt;b&gt;{reviewed}&lt;/b&gt; · Language: {language}</source>
        <translation>Versión {version} · Última revisión: &lt;b&gt;{reviewed}&lt;/b&gt; · Idioma: {language}</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Fuentes</translation>
    </message>
</context>
<context>
    <name>GuideInfoController</name>
    <message>
        <source>This word is not in the guide&apos;s glossary.</source>
        <translation>Esta palabra no está en el glosario de la guía.</translation>
    </message>
    <message>
        <source>Glossary</source>
        <translation>Glosario</translation>
    </message>
    <message>
        <source>Also called</source>
        <translation>También llamado</translation>
    </message>
    <message>
        <source>This guide has no glossary.</source>
        <translation>Esta guía no tiene glosario.</translation>
    </message>
    <message>
        <source>Glossary — {guide}</source>
        <translation>Glosario — {guide}</translation>
    </message>
    <message>
        <source>About this guide</source>
        <translation>Acerca de esta guía</translation>
    </message>
    <message numerus="yes">
        <source>About %n min to read</source>
        <translation>
            <numerusform>Aprox. %n min de lectura</numerusform>
            <numerusform>Aprox. %n min de lectura</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KioskLockdown</name>
    <message>
        <source>Your visit</source>
        <translation>Su visita</translation>
    </message>
</context>
<context>
    <name>KioskSession</name>
    <message>
        <source>Your questions and notes as QR codes, for your phone&apos;s camera</source>
        <translation>Sus preguntas y notas como códigos QR, para la cámara de su teléfono</translation>
    </message>
    <message>
        <source>Take my questions home</source>
        <translation>Llevarme mis preguntas</translation>
    </message>
    <message>
        <source>End your visit: everything you did here is cleared for the next person</source>
        <translation>Terminar su visita: todo lo que hizo aquí se borra para la siguiente persona</translation>
    </message>
    <message>
        <source>Finish and clear</source>
        <translation>Terminar y borrar</translation>
    </message>
</context>
<context>
    <name>KioskTouch</name>
    <message>
        <source>Clear the search</source>
        <translation>Borrar la búsqueda</translation>
    </message>
    <message>
        <source>Delete bookmark</source>
        <translation>Eliminar marcador</translation>
    </message>
    <message>
        <source>Delete note</source>
        <translation>Eliminar nota</translation>
    </message>
    <message>
        <source>Delete my question</source>
        <translation>Eliminar mi pregunta</translation>
    </message>
</context>
<context>
    <name>LibraryController</name>
    <message>
        <source>Your notes can be read but not changed: the data folder is read-only.</source>
        <translation>Puede leer sus notas, pero no cambiarlas: la carpeta de datos es de solo lectura.</translation>
    </message>
    <message>
        <source>{what} could not be saved: {error}</source>
        <translation>{what}: no se pudo guardar ({error})</translation>
    </message>
    <message>
        <source>&amp;Undo: {what}</source>
        <translation>&amp;Deshacer: {what}</translation>
    </message>
    <message>
        <source>{what}. Undo with Ctrl+Z.</source>
        <translation>{what}. Para deshacerlo, pulse Ctrl+Z.</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Deshacer</translation>
    </message>
    <message>
        <source>Brought back: {what}</source>
        <translation>Recuperado: {what}</translation>
    </message>
    <message>
        <source>&amp;Undo Delete</source>
        <translation>&amp;Deshacer borrado</translation>
    </message>
    <message>
        <source>Saved {time}</source>
        <translation>Guardada el {time}</translation>
    </message>
    <message>
        <source>Today&apos;s backup of your notes could not be made: {error}</source>
        <translation>No se pudo hacer la copia de seguridad de hoy de sus notas: {error}</translation>
    </message>
    <message>
        <source>Your notes could not be matched to the guide: {error}</source>
        <translation>No se pudieron relacionar sus notas con la guía: {error}</translation>
    </message>
    <message numerus="yes">
        <source>%n of your bookmarks or notes are for parts of the guide that changed; they are kept and marked “changed guide”.</source>
        <translation>
            <numerusform>%n de sus marcadores o notas es de una parte de la guía que ha cambiado; se conserva y se marca como «guía cambiada».</numerusform>
            <numerusform>%n de sus marcadores o notas son de partes de la guía que han cambiado; se conservan y se marcan como «guía cambiada».</numerusform>
        </translation>
    </message>
    <message>
        <source>★ Bookmarked</source>
        <translation>★ Marcado</translation>
    </message>
    <message>
        <source>☆ Bookmark</source>
        <translation>☆ Marcador</translation>
    </message>
    <message>
        <source>The bookmark</source>
        <translation>El marcador</translation>
    </message>
    <message>
        <source>This part of the guide has changed. You marked: “{quote}”</source>
        <translation>Esta parte de la guía ha cambiado. Usted marcó: «{quote}»</translation>
    </message>
    <message>
        <source>The new name</source>
        <translation>El nuevo nombre</translation>
    </message>
    <message>
        <source>Deleting the bookmark</source>
        <translation>Eliminar el marcador</translation>
    </message>
    <message>
        <source>Bookmark “{name}” deleted</source>
        <translation>Marcador «{name}» eliminado</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Guardada</translation>
    </message>
    <message>
        <source>This part of the guide has changed; your note was for “{title}”.</source>
        <translation>Esta parte de la guía ha cambiado; su nota era para «{title}».</translation>
    </message>
    <message>
        <source>Deleting the note</source>
        <translation>Eliminar la nota</translation>
    </message>
    <message>
        <source>Note on “{title}” deleted</source>
        <translation>Nota sobre «{title}» eliminada</translation>
    </message>
    <message>
        <source>Export my bookmarks, notes and questions</source>
        <translation>Exportar mis marcadores, notas y preguntas</translation>
    </message>
    <message>
        <source>Complete, for importing (*.json);;Readable text (*.md)</source>
        <translation>Completo, para importar (*.json);;Texto para leer (*.md)</translation>
    </message>
    <message>
        <source>The export could not be saved: {error}</source>
        <translation>No se pudo guardar la exportación: {error}</translation>
    </message>
    <message>
        <source>Import bookmarks, notes and questions</source>
        <translation>Importar marcadores, notas y preguntas</translation>
    </message>
    <message>
        <source>Lupus Reader export (*.json)</source>
        <translation>Exportación de Lupus Reader (*.json)</translation>
    </message>
    <message>
        <source>The import could not be saved: {error}.</source>
        <translation>No se pudo guardar la importación: {error}.</translation>
    </message>
    <message>
        <source>Nothing was imported</source>
        <translation>No se importó nada</translation>
    </message>
    <message>
        <source>{error}

Nothing was changed.</source>
        <translation>{error}

No se cambió nada.</translation>
    </message>
</context>
<context>
    <name>LibraryRows</name>
    <message>
        <source>(changed guide)</source>
        <translation>(guía cambiada)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Reading progress</source>
        <translation>Progreso de lectura</translation>
    </message>
    <message>
        <source>Reading time of this section</source>
        <translation>Tiempo de lectura de esta sección</translation>
    </message>
    <message>
        <source>Zoom of the text pane</source>
        <translation>Zoom del panel de texto</translation>
    </message>
    <message>
        <source>Search guide and notes</source>
        <translation>Buscar en guía y notas</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <source>More tools</source>
        <translation>Más herramientas</translation>
    </message>
    <message>
        <source>More menus</source>
        <translation>Más menús</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Atrás</translation>
    </message>
    <message>
        <source>◀ Back</source>
        <translation>◀ Atrás</translation>
    </message>
    <message>
        <source>Go back to where you were</source>
        <translation>Volver a donde estaba</translation>
    </message>
    <message>
        <source>&amp;Forward</source>
        <translation>A&amp;delante</translation>
    </message>
    <message>
        <source>Forward ▶</source>
        <translation>Adelante ▶</translation>
    </message>
    <message>
        <source>Go forward again</source>
        <translation>Ir de nuevo hacia adelante</translation>
    </message>
    <message>
        <source>&amp;Previous Section</source>
        <translation>Sección a&amp;nterior</translation>
    </message>
    <message>
        <source>▲ Previous Section</source>
        <translation>▲ Sección anterior</translation>
    </message>
    <message>
        <source>&amp;Next Section</source>
        <translation>Sección si&amp;guiente</translation>
    </message>
    <message>
        <source>▼ Next Section</source>
        <translation>▼ Sección siguiente</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>&amp;Ampliar</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation>Texto más grande</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>&amp;Reducir</translation>
    </message>
    <message>
        <source>Smaller text</source>
        <translation>Texto más pequeño</translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation>Tamaño &amp;normal</translation>
    </message>
    <message>
        <source>Normal text size</source>
        <translation>Tamaño normal del texto</translation>
    </message>
    <message>
        <source>&amp;Open Pack Folder…</source>
        <translation>&amp;Abrir carpeta de paquete…</translation>
    </message>
    <message>
        <source>Open Pack &amp;Archive (.zip)…</source>
        <translation>Abrir paquete &amp;comprimido (.zip)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;About Lupus Reader</source>
        <translation>Acerca de &amp;Lupus Reader</translation>
    </message>
    <message>
        <source>&amp;Glossary</source>
        <translation>&amp;Glosario</translation>
    </message>
    <message>
        <source>All the medical words in this guide, explained</source>
        <translation>Todas las palabras médicas de esta guía, explicadas</translation>
    </message>
    <message>
        <source>About This &amp;Guide</source>
        <translation>&amp;Acerca de esta guía</translation>
    </message>
    <message>
        <source>When the guide was reviewed, and where it comes from</source>
        <translation>Cuándo se revisó la guía y de dónde viene</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>Atajos de &amp;teclado</translation>
    </message>
    <message>
        <source>&amp;Bookmark This Place</source>
        <translation>&amp;Marcar este lugar</translation>
    </message>
    <message>
        <source>Bookmark this place, or remove its bookmark</source>
        <translation>Marcar este lugar o quitar su marcador</translation>
    </message>
    <message>
        <source>☆ Bookmark</source>
        <translation>☆ Marcador</translation>
    </message>
    <message>
        <source>&amp;Undo Delete</source>
        <translation>&amp;Deshacer borrado</translation>
    </message>
    <message>
        <source>Bring back what you deleted</source>
        <translation>Recuperar lo que eliminó</translation>
    </message>
    <message>
        <source>&amp;Export My Notes…</source>
        <translation>&amp;Exportar mis notas…</translation>
    </message>
    <message>
        <source>Save your bookmarks, notes and questions</source>
        <translation>Guardar sus marcadores, notas y preguntas</translation>
    </message>
    <message>
        <source>&amp;Import Notes…</source>
        <translation>&amp;Importar notas…</translation>
    </message>
    <message>
        <source>Add bookmarks, notes and questions from a file</source>
        <translation>Añadir marcadores, notas y preguntas desde un archivo</translation>
    </message>
    <message>
        <source>&amp;Search…</source>
        <translation>&amp;Buscar…</translation>
    </message>
    <message>
        <source>Search the guide and your notes</source>
        <translation>Buscar en la guía y en sus notas</translation>
    </message>
    <message>
        <source>&amp;Find in Page…</source>
        <translation>Buscar en la &amp;página…</translation>
    </message>
    <message>
        <source>Find words in this page</source>
        <translation>Buscar palabras en esta página</translation>
    </message>
    <message>
        <source>&amp;Print This Section…</source>
        <translation>Im&amp;primir esta sección…</translation>
    </message>
    <message>
        <source>Print the &amp;Whole Guide…</source>
        <translation>Imprimir &amp;toda la guía…</translation>
    </message>
    <message>
        <source>Save This Section as P&amp;DF…</source>
        <translation>Guardar esta sección como P&amp;DF…</translation>
    </message>
    <message>
        <source>Save the Whole Guide as PD&amp;F…</source>
        <translation>Guardar toda la guía como PD&amp;F…</translation>
    </message>
    <message>
        <source>Find &amp;Next</source>
        <translation>Buscar &amp;siguiente</translation>
    </message>
    <message>
        <source>Find Pre&amp;vious</source>
        <translation>Buscar a&amp;nterior</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation>Navegación</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Ir</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
    <message>
        <source>Bookmarks</source>
        <translation>Marcadores</translation>
    </message>
    <message>
        <source>Enter opens a bookmark, F2 renames it, Delete removes it</source>
        <translation>Intro abre un marcador, F2 le cambia el nombre, Suprimir lo elimina</translation>
    </message>
    <message>
        <source>All your notes</source>
        <translation>Todas sus notas</translation>
    </message>
    <message>
        <source>Enter opens the section of a note, Delete removes it</source>
        <translation>Intro abre la sección de una nota, Suprimir la elimina</translation>
    </message>
    <message>
        <source>Add a question…</source>
        <translation>Añadir una pregunta…</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Añadir…</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>All Notes</source>
        <translation>Todas las notas</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>Preguntas</translation>
    </message>
    <message>
        <source>Side panels</source>
        <translation>Paneles laterales</translation>
    </message>
</context>
<context>
    <name>MessageBanner</name>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Dismiss this message</source>
        <translation>Cerrar este mensaje</translation>
    </message>
    <message>
        <source>Dismiss message</source>
        <translation>Cerrar mensaje</translation>
    </message>
</context>
<context>
    <name>Navigator</name>
    <message>
        <source>Sections</source>
        <translation>Secciones</translation>
    </message>
    <message>
        <source>Chapters and sections of the guide; pick one to read it</source>
        <translation>Capítulos y secciones de la guía; elija uno para leerlo</translation>
    </message>
    <message>
        <source>{title} (you have a note here)</source>
        <translation>{title} (tiene una nota aquí)</translation>
    </message>
</context>
<context>
    <name>NotesPane</name>
    <message>
        <source>Type a note or a question for your doctor. It is saved as you type.</source>
        <translation>Escriba una nota o una pregunta para su médico. Se guarda mientras escribe.</translation>
    </message>
    <message>
        <source>Your note for this section</source>
        <translation>Su nota para esta sección</translation>
    </message>
    <message>
        <source>Note status</source>
        <translation>Estado de la nota</translation>
    </message>
    <message>
        <source>Notes: {title}</source>
        <translation>Notas: {title}</translation>
    </message>
    <message>
        <source>Not saved yet…</source>
        <translation>Aún sin guardar…</translation>
    </message>
    <message>
        <source>Not saved: {reason}. Your text is still here.</source>
        <translation>No se guardó: {reason}. Su texto sigue aquí.</translation>
    </message>
</context>
<context>
    <name>NoticeBar</name>
    <message>
        <source>Important</source>
        <translation>Importante</translation>
    </message>
    <message>
        <source>I understand</source>
        <translation>Entendido</translation>
    </message>
    <message>
        <source>I understand: hide this notice</source>
        <translation>Entendido: ocultar este aviso</translation>
    </message>
</context>
<context>
    <name>PanelTitle</name>
    <message>
        <source>Close {panel} (View › {panel} shows it again)</source>
        <translation>Cerrar {panel} (Ver › {panel} lo vuelve a mostrar)</translation>
    </message>
    <message>
        <source>Close the {panel} panel</source>
        <translation>Cerrar el panel {panel}</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <source>Staff PIN</source>
        <translation>PIN del personal</translation>
    </message>
    <message>
        <source>Staff only: enter the PIN to close the kiosk</source>
        <translation>Solo personal: introduzca el PIN para cerrar el quiosco</translation>
    </message>
    <message>
        <source>PIN entered</source>
        <translation>PIN introducido</translation>
    </message>
    <message>
        <source>PIN message</source>
        <translation>Mensaje del PIN</translation>
    </message>
    <message>
        <source>Delete last digit</source>
        <translation>Borrar el último dígito</translation>
    </message>
    <message>
        <source>Enter PIN</source>
        <translation>Introducir el PIN</translation>
    </message>
    <message>
        <source>Digit {digit}</source>
        <translation>Dígito {digit}</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Comprobando…</translation>
    </message>
    <message>
        <source>Unlocked</source>
        <translation>Desbloqueado</translation>
    </message>
    <message numerus="yes">
        <source>Wrong PIN. %n try(s) left before a pause.</source>
        <translation>
            <numerusform>PIN incorrecto. Queda %n intento antes de una pausa.</numerusform>
            <numerusform>PIN incorrecto. Quedan %n intentos antes de una pausa.</numerusform>
        </translation>
    </message>
    <message>
        <source>Too many wrong PINs. Try again in {seconds} s.</source>
        <translation>Demasiados PIN incorrectos. Vuelva a intentarlo en {seconds} s.</translation>
    </message>
    <message>
        <source>You can try again now.</source>
        <translation>Ya puede volver a intentarlo.</translation>
    </message>
</context>
<context>
    <name>PrintConfirm</name>
    <message>
        <source>No printer is ready. Please ask the staff at the desk.</source>
        <translation>No hay ninguna impresora lista. Pregunte, por favor, al personal del mostrador.</translation>
    </message>
    <message>
        <source>{what} on the printer “{printer}”?</source>
        <translation>¿{what} en la impresora «{printer}»?</translation>
    </message>
    <message>
        <source>Printing</source>
        <translation>Impresión</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Imprimir</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Aceptar</translation>
    </message>
</context>
<context>
    <name>PrintController</name>
    <message>
        <source>{section} — {guide}</source>
        <translation>{section} — {guide}</translation>
    </message>
    <message>
        <source>Save the whole guide as PDF</source>
        <translation>Guardar toda la guía como PDF</translation>
    </message>
    <message>
        <source>Save this section as PDF</source>
        <translation>Guardar esta sección como PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Archivos PDF (*.pdf)</translation>
    </message>
    <message>
        <source>The PDF could not be saved: {error}</source>
        <translation>No se pudo guardar el PDF: {error}</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n page(s) to {path}</source>
        <translation>
            <numerusform>Se guardó %n página en {path}</numerusform>
            <numerusform>Se guardaron %n páginas en {path}</numerusform>
        </translation>
    </message>
    <message>
        <source>Print the whole guide</source>
        <translation>Imprimir toda la guía</translation>
    </message>
    <message>
        <source>Print this section</source>
        <translation>Imprimir esta sección</translation>
    </message>
    <message>
        <source>Printing failed: {error}</source>
        <translation>No se pudo imprimir: {error}</translation>
    </message>
    <message numerus="yes">
        <source>Sent %n page(s) to the printer</source>
        <translation>
            <numerusform>Se envió %n página a la impresora</numerusform>
            <numerusform>Se enviaron %n páginas a la impresora</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>Reviewed {date}</source>
        <translation>Revisada el {date}</translation>
    </message>
    <message>
        <source>Page {number} of {count}</source>
        <translation>Página {number} de {count}</translation>
    </message>
</context>
<context>
    <name>QGuiApplication</name>
    <message>
        <source>QT_LAYOUT_DIRECTION</source>
        <comment>Translate this string to the string &apos;LTR&apos; in left-to-right languages or to &apos;RTL&apos; in right-to-left languages (such as Hebrew and Arabic) to get proper widget layout.</comment>
        <translation>LTR</translation>
    </message>
</context>
<context>
    <name>QrCode</name>
    <message>
        <source>QR code {number} of {count}</source>
        <translation>Código QR {number} de {count}</translation>
    </message>
    <message>
        <source>QR code</source>
        <translation>Código QR</translation>
    </message>
</context>
<context>
    <name>QuestionSheet</name>
    <message>
        <source>My questions for the doctor</source>
        <translation>Mis preguntas para el médico</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>Preguntas</translation>
    </message>
    <message>
        <source>(my own)</source>
        <translation>(mía)</translation>
    </message>
    <message>
        <source>No questions yet.</source>
        <translation>Todavía no hay preguntas.</translation>
    </message>
    <message>
        <source>My notes</source>
        <translation>Mis notas</translation>
    </message>
    <message>
        <source>No notes yet.</source>
        <translation>Todavía no hay notas.</translation>
    </message>
    <message>
        <source>(this part of the guide has changed)</source>
        <translation>(esta parte de la guía ha cambiado)</translation>
    </message>
</context>
<context>
    <name>QuestionsController</name>
    <message>
        <source>The guide&apos;s questions</source>
        <translation>Las preguntas de la guía</translation>
    </message>
    <message>
        <source>The tick</source>
        <translation>La marca</translation>
    </message>
    <message>
        <source>Your question</source>
        <translation>Su pregunta</translation>
    </message>
    <message>
        <source>Deleting the question</source>
        <translation>Eliminar la pregunta</translation>
    </message>
    <message>
        <source>Question deleted</source>
        <translation>Pregunta eliminada</translation>
    </message>
    <message>
        <source>Save my questions as PDF</source>
        <translation>Guardar mis preguntas como PDF</translation>
    </message>
    <message>
        <source>My questions.pdf</source>
        <translation>Mis preguntas.pdf</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>The PDF could not be saved: {error}</source>
        <translation>No se pudo guardar el PDF: {error}</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>Guardado en {path}</translation>
    </message>
    <message>
        <source>Print my questions and notes</source>
        <translation>Imprimir mis preguntas y notas</translation>
    </message>
    <message>
        <source>My questions</source>
        <translation>Mis preguntas</translation>
    </message>
</context>
<context>
    <name>QuestionsPanel</name>
    <message>
        <source>Questions to ask your doctor</source>
        <translation>Preguntas para su médico</translation>
    </message>
    <message>
        <source>Tick a question once you have asked it</source>
        <translation>Marque una pregunta cuando ya la haya hecho</translation>
    </message>
    <message>
        <source>Add a question of your own…</source>
        <translation>Añada una pregunta suya…</translation>
    </message>
    <message>
        <source>New question</source>
        <translation>Pregunta nueva</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Añadir</translation>
    </message>
    <message>
        <source>Add question</source>
        <translation>Añadir pregunta</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Imprimir…</translation>
    </message>
    <message>
        <source>Print my questions and notes</source>
        <translation>Imprimir mis preguntas y notas</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>Guardar como PDF…</translation>
    </message>
    <message>
        <source>Save my questions and notes as PDF</source>
        <translation>Guardar mis preguntas y notas como PDF</translation>
    </message>
    <message>
        <source>{question}  (mine)</source>
        <translation>{question}  (mía)</translation>
    </message>
</context>
<context>
    <name>ReaderController</name>
    <message>
        <source>There is no section “{id}” in the open guides.</source>
        <translation>No hay ninguna sección «{id}» en las guías abiertas.</translation>
    </message>
    <message>
        <source>{guide} — {app}</source>
        <translation>{guide} — {app}</translation>
    </message>
    <message>
        <source>a web page</source>
        <translation>una página web</translation>
    </message>
    <message>
        <source>This link goes to {target}. It is not available offline: Lupus Reader never opens web pages.</source>
        <translation>Este enlace lleva a {target}. No está disponible sin conexión: Lupus Reader nunca abre páginas web.</translation>
    </message>
    <message>
        <source>This link points to “{href}”, which is not in this guide.</source>
        <translation>Este enlace apunta a «{href}», que no está en esta guía.</translation>
    </message>
    <message>
        <source>Zoom {percent}%</source>
        <translation>Zoom {percent} %</translation>
    </message>
    <message>
        <source>Section {number} of {count} · {percent}%</source>
        <translation>Sección {number} de {count} · {percent} %</translation>
    </message>
    <message>
        <source>The content pack at {path} could not be opened: {error}.</source>
        <translation>No se pudo abrir el paquete de contenido de {path}: {error}.</translation>
    </message>
    <message>
        <source>Showing the bundled guide instead.</source>
        <translation>Se muestra en su lugar la guía incluida.</translation>
    </message>
    <message>
        <source>Open a content pack folder</source>
        <translation>Abrir una carpeta de paquete de contenido</translation>
    </message>
    <message>
        <source>Open a content pack archive</source>
        <translation>Abrir un paquete de contenido comprimido</translation>
    </message>
    <message>
        <source>Content packs (*.zip)</source>
        <translation>Paquetes de contenido (*.zip)</translation>
    </message>
    <message>
        <source>About {app}</source>
        <translation>Acerca de {app}</translation>
    </message>
    <message>
        <source>An offline reader for patient-education guides.</source>
        <translation>Un lector sin conexión de guías de educación para pacientes.</translation>
    </message>
    <message>
        <source>Your reading position cannot be saved ({reason}). Reading still works.</source>
        <translation>No se puede guardar por dónde va leyendo ({reason}). Puede seguir leyendo.</translation>
    </message>
</context>
<context>
    <name>ReaderView</name>
    <message>
        <source>Guide text</source>
        <translation>Texto de la guía</translation>
    </message>
</context>
<context>
    <name>ResultList</name>
    <message>
        <source>Search results</source>
        <translation>Resultados de la búsqueda</translation>
    </message>
    <message>
        <source>Enter or a click opens a result at its first match</source>
        <translation>Intro o un clic abre un resultado en su primera coincidencia</translation>
    </message>
</context>
<context>
    <name>SearchController</name>
    <message>
        <source>Search cannot look in “{guide}”: {reason}</source>
        <translation>La búsqueda no puede mirar en «{guide}»: {reason}</translation>
    </message>
    <message>
        <source>Search the guide and your notes</source>
        <translation>Buscar en la guía y en sus notas</translation>
    </message>
    <message>
        <source>Preparing search… {percent}%</source>
        <translation>Preparando la búsqueda… {percent} %</translation>
    </message>
    <message>
        <source>Preparing search</source>
        <translation>Preparando la búsqueda</translation>
    </message>
    <message>
        <source>Still preparing search for this guide: results follow shortly.</source>
        <translation>Todavía se está preparando la búsqueda en esta guía: los resultados llegarán enseguida.</translation>
    </message>
    <message>
        <source>That section is no longer in the open guides.</source>
        <translation>Esa sección ya no está en las guías abiertas.</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <source>Search the guide and your notes</source>
        <translation>Buscar en la guía y en sus notas</translation>
    </message>
    <message>
        <source>Search status</source>
        <translation>Estado de la búsqueda</translation>
    </message>
    <message>
        <source>No matches for “{query}”.</source>
        <translation>No hay resultados para «{query}».</translation>
    </message>
    <message>
        <source>Did you mean: {words}?</source>
        <translation>¿Quiso decir: {words}?</translation>
    </message>
</context>
<context>
    <name>SearchRows</name>
    <message>
        <source>Your note</source>
        <translation>Su nota</translation>
    </message>
    <message>
        <source>Your question</source>
        <translation>Su pregunta</translation>
    </message>
    <message>
        <source>{label} in {title}: {text}</source>
        <translation>{label} en {title}: {text}</translation>
    </message>
    <message>
        <source>{title}, in {where}: {text}</source>
        <translation>{title}, en {where}: {text}</translation>
    </message>
    <message numerus="yes">
        <source>more than %n sections</source>
        <translation>
            <numerusform>más de %n sección</numerusform>
            <numerusform>más de %n secciones</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n section(s)</source>
        <translation>
            <numerusform>%n sección</numerusform>
            <numerusform>%n secciones</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of your notes</source>
        <translation>
            <numerusform>%n de sus notas</numerusform>
            <numerusform>%n de sus notas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of your questions</source>
        <translation>
            <numerusform>%n de sus preguntas</numerusform>
            <numerusform>%n de sus preguntas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(best %n shown)</source>
        <translation>
            <numerusform>(se muestra la mejor)</numerusform>
            <numerusform>(se muestran las %n mejores)</numerusform>
        </translation>
    </message>
    <message>
        <source>still preparing search, more may follow</source>
        <translation>todavía se está preparando la búsqueda; puede haber más</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Next match (in the find bar)</source>
        <translation>Coincidencia siguiente (en la barra de búsqueda)</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Intro</translation>
    </message>
    <message>
        <source>Previous match (in the find bar)</source>
        <translation>Coincidencia anterior (en la barra de búsqueda)</translation>
    </message>
    <message>
        <source>Shift+Enter</source>
        <translation>Mayúsculas+Intro</translation>
    </message>
    <message>
        <source>Close the find bar</source>
        <translation>Cerrar la barra de búsqueda</translation>
    </message>
    <message>
        <source>Move between the navigator, the text and the panels</source>
        <translation>Moverse entre el índice, el texto y los paneles</translation>
    </message>
    <message>
        <source>Tab, Shift+Tab</source>
        <translation>Tabulador, Mayúsculas+Tabulador</translation>
    </message>
    <message>
        <source>Rename a bookmark (in the Bookmarks list)</source>
        <translation>Cambiar el nombre de un marcador (en la lista de marcadores)</translation>
    </message>
    <message>
        <source>Delete a bookmark, note or question (in its list)</source>
        <translation>Eliminar un marcador, una nota o una pregunta (en su lista)</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Suprimir</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <source>Everything in Lupus Reader can be done from the keyboard:</source>
        <translation>Todo en Lupus Reader se puede hacer desde el teclado:</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Teclas</translation>
    </message>
    <message>
        <source>Select all</source>
        <translation>Seleccionar todo</translation>
    </message>
</context>
<context>
    <name>StaffCorner</name>
    <message>
        <source>Staff only</source>
        <translation>Solo personal</translation>
    </message>
</context>
<context>
    <name>TakeHome</name>
    <message>
        <source>My questions for the doctor</source>
        <translation>Mis preguntas para el médico</translation>
    </message>
    <message>
        <source>Questions:</source>
        <translation>Preguntas:</translation>
    </message>
    <message>
        <source>My notes:</source>
        <translation>Mis notas:</translation>
    </message>
    <message>
        <source>There is nothing to take home yet: tick a question or write a note.</source>
        <translation>Todavía no hay nada que llevarse: marque una pregunta o escriba una nota.</translation>
    </message>
    <message>
        <source>This is too long to take home as QR codes (about {count} characters too many). Remove some notes or questions and try again.</source>
        <translation>Es demasiado largo para llevárselo en códigos QR (sobran unos {count} caracteres). Quite algunas notas o preguntas y vuelva a intentarlo.</translation>
    </message>
</context>
<context>
    <name>TakeHomeDialog</name>
    <message>
        <source>Take my questions home</source>
        <translation>Llevarme mis preguntas</translation>
    </message>
    <message numerus="yes">
        <source>Point your phone&apos;s camera at each of the %n code(s), in order.</source>
        <translation>
            <numerusform>Apunte la cámara de su teléfono al código.</numerusform>
            <numerusform>Apunte la cámara de su teléfono a cada uno de los %n códigos, en orden.</numerusform>
        </translation>
    </message>
    <message>
        <source>Your questions and notes appear as text on your phone. Nothing is sent anywhere.</source>
        <translation>Sus preguntas y notas aparecen como texto en su teléfono. No se envía nada a ningún sitio.</translation>
    </message>
    <message>
        <source>How to take your questions home</source>
        <translation>Cómo llevarse sus preguntas</translation>
    </message>
    <message>
        <source>{number} of {count}</source>
        <translation>{number} de {count}</translation>
    </message>
    <message>
        <source>◀ Previous codes</source>
        <translation>◀ Códigos anteriores</translation>
    </message>
    <message>
        <source>Next codes ▶</source>
        <translation>Códigos siguientes ▶</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Listo</translation>
    </message>
    <message>
        <source>Close the QR codes</source>
        <translation>Cerrar los códigos QR</translation>
    </message>
</context>
<context>
    <name>TransferWords</name>
    <message numerus="yes">
        <source>%n bookmark(s)</source>
        <translation>
            <numerusform>%n marcador</numerusform>
            <numerusform>%n marcadores</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n note(s)</source>
        <translation>
            <numerusform>%n nota</numerusform>
            <numerusform>%n notas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n question(s)</source>
        <translation>
            <numerusform>%n pregunta</numerusform>
            <numerusform>%n preguntas</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved {counts} to {path}</source>
        <translation>Guardado en {path}: {counts}</translation>
    </message>
    <message>
        <source>added {added}; skipped {skipped} already there; {detached} detached</source>
        <translation>añadido: {added}; ya estaban: {skipped}; sin su sección en estas guías: {detached}</translation>
    </message>
    <message>
        <source>; ticked {questions} already there</source>
        <translation>; marcadas como hechas: {questions} que ya estaban</translation>
    </message>
</context>
<context>
    <name>UndoButton</name>
    <message>
        <source>Undo</source>
        <translation>Deshacer</translation>
    </message>
    <message>
        <source>Undo the last delete</source>
        <translation>Deshacer el último borrado</translation>
    </message>
</context>
<context>
    <name>i18n</name>
    <message>
        <source>d MMMM yyyy</source>
        <extracomment>A Qt date format (d, MMMM, yyyy; words in single quotes): &quot;d &apos;de&apos; MMMM &apos;de&apos; yyyy&quot; in Spanish.</extracomment>
        <translation>d &apos;de&apos; MMMM &apos;de&apos; yyyy</translation>
    </message>
    <message>
        <source>dd MMM yyyy, HH:mm</source>
        <extracomment>A Qt date and time format (dd, MMM, yyyy, HH, mm; words in single quotes).</extracomment>
        <translation>dd MMM yyyy, HH:mm</translation>
    </message>
</context>
</TS>
