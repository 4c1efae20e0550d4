BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

# Lists across many pages, with objects changing between pages, on the backend (the server's own log says what was asked).
Describe 'Lists across many pages' {
    BeforeAll {
        $seed = Get-LabSeed
        $session = Connect-Probe
        $prefix = New-TestName 'page'
        $made = @(1..6 | ForEach-Object { New-IkePolicy -Name "$prefix-$_" })
        $names = @($made.Name)
    }

    AfterAll {
        Get-IkePolicy -Name "$prefix*" | Remove-IkePolicy -Force
        Remove-Probe
    }

    It 'follows more than three pages, each asked from where the last one ended, and returns each object once' {
        $sent = Get-ServerRequest { Get-IkePolicy -Filter @{ name = $names } -PageSize 1 }
        $found = @($script:ServerRequestOutput)
        @($found.Id | Sort-Object) | Should -Be @($made.Id | Sort-Object)
        $pages = @($sent | Where-Object { $_.Method -eq 'GET' -and $_.Path -like '*/vpn/ikepolicies' })
        $pages.Count | Should -Be ($made.Count + 1) -Because 'a full page always has a next link, so an empty page ends the list'
        $pages | ForEach-Object { $_.Query | Should -Match 'limit=1' }
        $pages[0].Query | Should -Not -Match 'marker='
        for ($i = 1; $i -lt $pages.Count; $i++) {
            $pages[$i].Query | Should -Match "marker=$($found[$i - 1].Id)" -Because "page $($i + 1) starts after the last object of page $i"
        }
    }

    It 'copes with objects removed and added between pages: no error, nothing twice, nothing removed, the rest all there' {
        $ordered = @(Get-IkePolicy -Filter @{ name = $names } -PageSize 1)
        $gone = $ordered[-1]
        $script:added = $null
        $errors = @()
        $found = @(Get-IkePolicy -Filter @{ name = @($names) + "$prefix-new" } -PageSize 1 -ErrorVariable errors | ForEach-Object {
                if (-not $script:added) {
                    # Between the first page and the second: one object not yet listed goes, a new one comes.
                    Remove-IkePolicy -Id $gone.Id -Force
                    $script:added = New-IkePolicy -Name "$prefix-new"
                }
                $_
            })
        $errors | Should -BeNullOrEmpty
        @($found.Id | Sort-Object -Unique).Count | Should -Be $found.Count
        $found.Id | Should -Not -Contain $gone.Id
        $kept = @($ordered | Where-Object Id -ne $gone.Id)
        $kept.Id | ForEach-Object { $found.Id | Should -Contain $_ }
    }
}

Describe 'Paging faults only an embedded cloud can make' {
    BeforeEach {
        $own = Connect-OpenStack -Embedded
        $own.Retry.BaseDelay = [timespan]::FromMilliseconds(10)
    }

    It 'stops when next links go round in a circle, instead of listing forever' {
        # The cloud answers every page with the same object and a next link to the other of two markers: A -> B -> A ...
        $item = (Get-IkePolicy -Session $own -PageSize 1 | Select-Object -First 1).Id
        function Page([string] $Next) {
            '{"ikepolicies": [{"id": "' + $item + '", "name": "ikepolicy1"}], "ikepolicies_links": [{"rel": "next", "href": "http://x/v2.0/vpn/ikepolicies?limit=1&marker=' + $Next + '"}]}'
        }
        $a = [guid]::NewGuid().ToString(); $b = [guid]::NewGuid().ToString()
        Add-EmbeddedOpenStackFault -Session $own -StatusCode 200 -RawBody (Page $b) -Method GET -PathContains "marker=$a" -Count 100
        Add-EmbeddedOpenStackFault -Session $own -StatusCode 200 -RawBody (Page $a) -Method GET -PathContains "marker=$b" -Count 100
        Add-EmbeddedOpenStackFault -Session $own -StatusCode 200 -RawBody (Page $a) -Method GET -PathContains 'ikepolicies?limit=1' -Count 1
        $null = Get-EmbeddedOpenStackRequest -Session $own -Clear
        $ps = [powershell]::Create()
        $null = $ps.AddScript({ param($m, $s) Import-Module $m; Get-IkePolicy -Session $s -PageSize 1 }).AddArgument((Get-Module OpenStackVpn).Path).AddArgument($own)
        $async = $ps.BeginInvoke()
        $done = $async.AsyncWaitHandle.WaitOne(10000)
        if (-not $done) { $ps.Stop() }
        $pages = @(Get-EmbeddedOpenStackRequest -Session $own | Where-Object { $_.Method -eq 'GET' -and $_.Path -like '*ikepolicies' }).Count
        $errors = @($ps.Streams.Error)
        $ps.Dispose()
        $done | Should -BeTrue -Because 'a list must end'
        $pages | Should -BeLessOrEqual 5
        "$($errors[0])" | Should -BeLike '*next*link*'
    }

    It 'renews a token refused in the middle of a list, repeats only that page, and lists each object once' {
        $expected = @(Get-IpsecSiteConnection -Session $own).Id
        $expected.Count | Should -BeGreaterThan 2
        Add-EmbeddedOpenStackFault -Session $own -StatusCode 401 -ErrorType Unauthorized -Message 'The request you have made requires authentication.' -Method GET -PathContains "marker=$($expected[1])"
        $null = Get-EmbeddedOpenStackRequest -Session $own -Clear
        $found = @(Get-IpsecSiteConnection -Session $own -PageSize 1)
        $found.Id | Should -Be $expected
        $log = @(Get-EmbeddedOpenStackRequest -Session $own)
        @($log | Where-Object { $_.Method -eq 'POST' -and $_.Path -like '*auth/tokens' }).Count | Should -Be 1 -Because 'one renewal'
        @($log | Where-Object { $_.Method -eq 'GET' -and $_.Query -like "*marker=$($expected[1])*" }).Count | Should -Be 2 -Because 'only the refused page is asked again'
        @($log | Where-Object { $_.Method -eq 'GET' -and $_.Path -like '*ipsec-site-connections' }).Count | Should -Be ($expected.Count + 2)
    }
}
